package dev.heavyweight.gateway.events;

import dev.heavyweight.contracts.status.StatusDocument;

/** What a live status stream sends: a state change, or a heartbeat that keeps idle proxies from closing it. */
public interface StreamItem {

    /**
     * One state change.
     *
     * @param id       the task event's id (SSE {@code id:}, resumable with Last-Event-ID)
     * @param state    the state entered, lower case (SSE {@code event:})
     * @param document the status document as of that change (SSE {@code data:})
     */
    record Change(long id, String state, StatusDocument document) implements StreamItem {
    }

    /** Nothing changed lately; the stream is alive. */
    record Heartbeat() implements StreamItem {
    }
}
