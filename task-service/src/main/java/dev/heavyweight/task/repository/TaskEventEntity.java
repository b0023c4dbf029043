package dev.heavyweight.task.repository;

import dev.heavyweight.task.lifecycle.TaskState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code task_events}: one transition of one task (the audit trail). */
@Entity
@Table(name = "task_events")
public class TaskEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID taskId;
    public Instant occurredAt;
    /** Null for the row that records the task's creation. */
    @Enumerated(EnumType.STRING)
    public TaskState fromState;
    @Enumerated(EnumType.STRING)
    public TaskState toState;
    public int attempt;
    public String source;
    public String eventType;
    public String reason;
    public String detail;
}
