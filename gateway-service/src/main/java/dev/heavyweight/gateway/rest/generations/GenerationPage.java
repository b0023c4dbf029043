package dev.heavyweight.gateway.rest.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.contracts.status.StatusDocument;
import java.util.List;

/**
 * One page of GET /v1/generations, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record GenerationPage(List<StatusDocument> data, @JsonProperty("next_cursor") String nextCursor) {
}
