package dev.heavyweight.contracts.messages;

import java.util.Map;

/**
 * A succeeded task picked for manual labelling (task-service → {@link Topology#LABELING_QUEUE}), as JSON. It
 * carries what a labeller needs to judge the image without calling the API: the prompt, the model and its
 * parameters, the image's key and a presigned URL that expires.
 *
 * @param schema         message schema version, {@link #SCHEMA}
 * @param taskId         the task
 * @param tenant         its owner
 * @param model          the model that generated the image
 * @param lane           {@link Lane#routingKey()}
 * @param prompt         the prompt as submitted
 * @param negativePrompt the negative prompt ("" when none)
 * @param parameters     width, height, steps and seed
 * @param imageKey       S3 key of the PNG
 * @param imageUrl       presigned GET URL of the PNG
 * @param urlExpiresAtMs when {@code imageUrl} stops working (epoch ms)
 * @param finishedAtMs   when the task succeeded (epoch ms)
 */
public record LabelingSampleMessage(
        int schema,
        String taskId,
        String tenant,
        String model,
        String lane,
        String prompt,
        String negativePrompt,
        Map<String, Object> parameters,
        String imageKey,
        String imageUrl,
        long urlExpiresAtMs,
        long finishedAtMs) {

    public static final int SCHEMA = 1;
}
