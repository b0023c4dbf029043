package dev.heavyweight.task.repository;

import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.queries.ListCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
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

    /** The task, or null; read in a session of its own when the caller has none. */
    public Uni<TaskEntity> findTask(UUID id) {
        return findById(id);
    }

    /** The task if it exists and belongs to {@code tenant}, else null. */
    public Uni<TaskEntity> findOwned(UUID id, String tenant) {
        return findById(id).map(task -> task != null && task.tenant.equals(tenant) ? task : null);
    }

    /**
     * Up to {@code limit} tasks of {@code tenant}, newest first (created_at, then id, descending: the listing
     * index), of one state and lane when given, after the task {@code after} names when given.
     */
    public Uni<List<TaskEntity>> page(String tenant, TaskState state, String lane, ListCursor after, int limit) {
        // HQL, not native SQL: a native "SELECT *" skips the entity's column transformers, and the jsonb
        // moderation column of a rejected task then failed the whole page.
        StringBuilder hql = new StringBuilder("from TaskEntity t where t.tenant = :tenant");
        if (state != null) {
            hql.append(" and t.state = :state");
        }
        if (lane != null) {
            hql.append(" and t.lane = :lane");
        }
        if (after != null) {
            hql.append(" and (t.createdAt, t.id) < (:createdAt, :id)");
        }
        hql.append(" order by t.createdAt desc, t.id desc");
        return getSession().flatMap(session -> {
            var query = session.createSelectionQuery(hql.toString(), TaskEntity.class)
                    .setParameter("tenant", tenant)
                    .setMaxResults(limit);
            if (state != null) {
                query.setParameter("state", state);
            }
            if (lane != null) {
                query.setParameter("lane", lane);
            }
            if (after != null) {
                query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
            }
            return query.getResultList();
        });
    }

    /** Ids of up to {@code limit} tasks still waiting (ACCEPTED or QUEUED) whose deadline is before {@code now}. */
    public Uni<List<UUID>> findWaitingPastDeadline(Instant now, int limit) {
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select t.id from TaskEntity t
                        where t.state in (:waiting) and t.deadlineAt < :now
                        order by t.deadlineAt""", UUID.class)
                .setParameter("waiting", List.of(TaskState.ACCEPTED, TaskState.QUEUED))
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
    }
}
