package dev.heavyweight.task.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
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

    /**
     * Drops the work a task that ended no longer needs: its prompt check and jobs. What its end owes (the
     * webhook, the cancellation broadcast) stays.
     */
    public Uni<Long> deletePendingWork(UUID taskId) {
        return delete("taskId = ?1 and kind in ?2", taskId, List.of(OutboxKind.ADMIT.value(), OutboxKind.PUBLISH.value()));
    }

    /** Gives a claimed row back, due at {@code availableAt}; false when the claim was lost. */
    public Uni<Boolean> releaseClaimed(OutboxRow row, Instant availableAt, String error) {
        return update("availableAt = ?1, claimedUntil = null, claimToken = null, tries = tries + 1, lastError = ?2 "
                + "where id = ?3 and claimToken = ?4", availableAt, error, row.id(), row.claimToken())
                .map(updated -> updated == 1);
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
