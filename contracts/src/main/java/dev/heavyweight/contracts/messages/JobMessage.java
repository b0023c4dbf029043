package dev.heavyweight.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A generation job on a lane queue (task-service → inference-worker), serialised as JSON.
 *
 * @param schema         message schema version, {@link #SCHEMA}
 * @param taskId         the task this job executes
 * @param tenant         owner of the task (S3 key prefix)
 * @param attempt        1 for the first execution, incremented on every retry
 * @param lane           {@link Lane#routingKey()} of the lane it was published to
 * @param priority       message priority inside the lane, 0..{@link Topology#MAX_PRIORITY}
 * @param model          Triton model name
 * @param prompt         the moderated prompt
 * @param negativePrompt optional negative prompt ("" when absent)
 * @param width          image width in pixels
 * @param height         image height in pixels
 * @param steps          diffusion steps
 * @param seed           generation seed
 * @param enqueuedAtMs   when task-service published the job (epoch ms)
 * @param deadlineMs     after this instant the job must not run (epoch ms)
 * @param maxAttempts    executions allowed in all; a transient failure of attempt {@code maxAttempts}
 *                       ends the task FAILED and sends the job to the dead-letter queue
 */
public record JobMessage(
        int schema,
        String taskId,
        String tenant,
        int attempt,
        String lane,
        int priority,
        String model,
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        long seed,
        long enqueuedAtMs,
        long deadlineMs,
        int maxAttempts) {

    public static final int SCHEMA = 1;

    /** True when this is the last execution the task is allowed (derived, so not part of the JSON). */
    @JsonIgnore
    public boolean isLastAttempt() {
        return attempt >= maxAttempts;
    }
}
