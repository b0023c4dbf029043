package dev.heavyweight.contracts.messages;

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
        long deadlineMs) {

    public static final int SCHEMA = 1;
}
