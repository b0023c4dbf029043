package dev.heavyweight.task.repository;

import dev.heavyweight.task.lifecycle.TaskState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.hibernate.annotations.ColumnTransformer;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code tasks}: one generation task, its current state and what is known about its stages. */
@Entity
@Table(name = "tasks")
public class TaskEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenant;
    @Enumerated(EnumType.STRING)
    public TaskState state;
    public String reason;
    public String reasonDetail;
    /** The lane's routing key ({@code interactive}, {@code batch}). */
    public String lane;
    public int priority;
    public String model;
    public String prompt;
    public String negativePrompt;
    public int width;
    public int height;
    public int steps;
    public long seed;
    public int attempt;
    public String imageKey;
    public String[] moderationCategories;
    /** What moderation decided when it blocked the task ({@link ModerationJson}); null otherwise. */
    @ColumnTransformer(read = "moderation::text", write = "cast(? as text)::jsonb")
    public String moderation;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant queuedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant deadlineAt;
    public Long moderationMs;
    public Long queueWaitMs;
    public Long inferenceMs;
    public Long imageModerationMs;
    public Long uploadMs;
    public Long totalMs;
    /** Where the image was generated (the balancer's node address and class) and its GPU time; null before. */
    public String node;
    public String nodeClass;
    public Long gpuMs;
    /** The first download of the image or positive feedback on it (task success); null before. */
    public Instant acceptedAt;
    /** The submitting request's W3C trace context; the relay works the task's outbox rows inside it. */
    public String traceparent;
    public String tracestate;
    /** The JWT subject that submitted the task ({@code user_id}). */
    public String userId = "";
    public String endUser;
    /** Null when the task has no webhook; then every {@code webhook*} field is unset. */
    public String webhookUrl;
    /** pending, delivered or failed. */
    public String webhookState;
    public int webhookAttempts;
    public Integer webhookLastStatusCode;
    public String webhookLastError;
    public Instant webhookLastAttemptAt;
    public Instant webhookDeliveredAt;
    @Version
    public long version;
}
