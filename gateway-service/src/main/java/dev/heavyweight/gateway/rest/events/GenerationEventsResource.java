package dev.heavyweight.gateway.rest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.status.StatusDocument;
import dev.heavyweight.gateway.events.EventStreams;
import dev.heavyweight.gateway.events.StreamItem;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/generations/{id}/events}: Server-Sent Events of one generation. {@code id:} is the change's
 * id (send it back as Last-Event-ID to resume), {@code event:} the state entered, {@code data:} the status
 * document; {@code : heartbeat} comments keep idle connections open. The stream ends after the terminal change.
 *
 * <p>It is written to an {@link SseEventSink} rather than returned as a Multi because the answer must stay
 * a plain 404/503 problem until the task is known to exist: a returned Multi commits the SSE headers first.
 */
@Path("/v1/generations/{id}/events")
@Authenticated
@Tag(name = "generations")
public class GenerationEventsResource {

    private static final Logger LOG = Logger.getLogger(GenerationEventsResource.class);
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreams streams;
    private final CurrentCaller callers;
    private final ObjectMapper json;

    GenerationEventsResource(EventStreams streams, CurrentCaller callers, ObjectMapper json) {
        this.streams = streams;
        this.callers = callers;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live status (Server-Sent Events): current state, then each change; ends after the terminal one")
    @APIResponse(responseCode = "200", description = "text/event-stream; id = change id (Last-Event-ID resumes), event = state, data = status document; ': heartbeat' comments")
    @APIResponse(responseCode = "400", description = "invalid-request: Last-Event-ID is not an event id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> events(@PathParam("id") String id, @HeaderParam(LAST_EVENT_ID) String lastEventId,
            SseEventSink sink, Sse sse, RoutingContext routing) {
        return Uni.createFrom().item(callers::get)
                .flatMap(caller -> streams.open(caller, id, parseLastEventId(lastEventId)))
                .invoke(stream -> {
                    // Send only once the framework has committed the SSE headers and suspended the request:
                    // a stream that ended (and closed the sink) before then would break the request's handling.
                    Context context = Vertx.currentContext();
                    routing.addHeadersEndHandler(committed -> {
                        if (context == null) {
                            pump(stream, sink, sse);
                        } else {
                            context.runOnContext(ignored -> pump(stream, sink, sse));
                        }
                    });
                })
                .replaceWithVoid();
    }

    private void pump(Multi<StreamItem> stream, SseEventSink sink, Sse sse) {
        stream.select().first(item -> !sink.isClosed())
                .onItem().transformToUniAndConcatenate(item -> Uni.createFrom().completionStage(() -> sink.send(event(item, sse))))
                .subscribe().with(
                        sent -> {
                        },
                        failure -> {
                            LOG.debugf("live stream ended early: %s", failure.getMessage());
                            close(sink);
                        },
                        () -> close(sink));
    }

    private OutboundSseEvent event(StreamItem item, Sse sse) {
        if (item instanceof StreamItem.Change change) {
            // Serialised here: with a JSON media type on the event, every event would carry a
            // "content-type:" line, which is no SSE field.
            return sse.newEventBuilder()
                    .id(String.valueOf(change.id()))
                    .name(change.state())
                    .data(String.class, serialise(change.document()))
                    .build();
        }
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    private String serialise(StatusDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status document not serialisable", e);
        }
    }

    private static void close(SseEventSink sink) {
        if (!sink.isClosed()) {
            sink.close();
        }
    }

    private static Long parseLastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(LAST_EVENT_ID, "must be the id of an event this stream sent");
    }
}
