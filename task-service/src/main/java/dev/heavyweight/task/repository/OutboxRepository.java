package dev.heavyweight.task.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Outbox writes that belong to a task change, made in the caller's transaction so the change and the
 * work it owes commit together. The relay's own bookkeeping is {@link OutboxLeases}.
 */
@WithSession
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, Long> {

    public Uni<OutboxEntity> add(UUID taskId, OutboxKind kind, int attempt, Instant availableAt, Instant now) {
        OutboxEntity row = new OutboxEntity();
        row.taskId = taskId;
        row.kind = kind.value();
        row.attempt = attempt;
        row.availableAt = availableAt;
        row.createdAt = now;
        return persist(row);
    }

    /** Drops every row of a task that ended: nothing is owed to it any more. */
    public Uni<Long> deleteOfTask(UUID taskId) {
        return delete("taskId = ?1", taskId);
    }

    /** Turns a claimed {@code admit} row into the {@code publish} of {@code attempt}; false when the claim was lost. */
    public Uni<Boolean> claimedToPublish(OutboxRow row, int attempt) {
        return update("kind = ?1, attempt = ?2 where id = ?3 and claimToken = ?4",
                OutboxKind.PUBLISH.value(), attempt, row.id(), row.claimToken())
                .map(updated -> updated == 1);
    }

    /** Deletes a claimed row; false when the claim was lost (another relay, or the task ended). */
    public Uni<Boolean> deleteClaimed(OutboxRow row) {
        return delete("id = ?1 and claimToken = ?2", row.id(), row.claimToken()).map(deleted -> deleted == 1);
    }
}
