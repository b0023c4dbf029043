package dev.heavyweight.task.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row as claimed by this relay.
 *
 * @param attempt    the job's attempt ({@code publish}); 0 for the other kinds
 * @param tries      failed tries before this claim
 * @param claimToken proof of this claim: finishing the row requires it
 * @param createdAt  when the row was written (a webhook is given up a while after)
 * @param tenant     the task's tenant, for log lines about it
 * @param traceparent the W3C trace context of the request that submitted the task (null: none)
 * @param tracestate  its vendor part (null: none)
 */
public record OutboxRow(long id, UUID taskId, OutboxKind kind, int attempt, int tries, UUID claimToken,
        Instant createdAt, String tenant, String traceparent, String tracestate) {

    /** The same claimed row after it was turned into the {@code publish} of {@code attempt}. */
    public OutboxRow toPublish(int attempt) {
        return new OutboxRow(id, taskId, OutboxKind.PUBLISH, attempt, tries, claimToken, createdAt, tenant,
                traceparent, tracestate);
    }
}
