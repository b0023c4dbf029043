package dev.heavyweight.task.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/** Reads and locks task rows. */
@WithSession
@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<TaskEntity, UUID> {

    /**
     * The task with its row locked until the transaction ends ({@code SELECT … FOR UPDATE}), so concurrent
     * events and API calls for one task are decided one after the other; null when unknown.
     */
    public Uni<TaskEntity> lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The task if it exists and belongs to {@code tenant}, else null. */
    public Uni<TaskEntity> findOwned(UUID id, String tenant) {
        return findById(id).map(task -> task != null && task.tenant.equals(tenant) ? task : null);
    }
}
