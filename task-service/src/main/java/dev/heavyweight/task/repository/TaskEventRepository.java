package dev.heavyweight.task.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The audit trail ({@code task_events}): appended with every transition, read back by ListEvents. */
@WithSession
@ApplicationScoped
public class TaskEventRepository implements PanacheRepositoryBase<TaskEventEntity, Long> {

    /** The task's audit rows after row {@code afterId}, oldest first. */
    public Uni<List<TaskEventEntity>> after(UUID taskId, long afterId) {
        return list("taskId = ?1 and id > ?2 order by id", taskId, afterId);
    }
}
