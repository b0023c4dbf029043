package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.task.idempotency.RequestFingerprint;
import dev.heavyweight.task.webhooks.WebhookUrls;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** Checks a submission field by field and resolves its defaults; the first invalid field wins. */
public final class SubmissionValidator {

    public static final int MAX_TENANT_LENGTH = 128;
    public static final int MAX_PROMPT_CODE_POINTS = 2000;
    /** Seeds stay within 53 bits so JSON clients (JavaScript numbers) read them exactly. */
    public static final long MAX_SEED = (1L << 53) - 1;
    public static final int MAX_LABEL_LENGTH = 256;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private SubmissionValidator() {
    }

    public static Submission validate(SubmissionRequest request) {
        String tenant = orEmpty(request.tenant());
        if (tenant.isBlank()) {
            throw new InvalidFieldException("tenant", "is required");
        }
        if (tenant.length() > MAX_TENANT_LENGTH) {
            throw new InvalidFieldException("tenant", "must be at most " + MAX_TENANT_LENGTH + " characters");
        }
        String prompt = orEmpty(request.prompt());
        if (prompt.isBlank()) {
            throw new InvalidFieldException("prompt", "must not be blank");
        }
        requireAtMost("prompt", prompt);
        TextFields.requireNoControls("prompt", prompt);
        String negativePrompt = orEmpty(request.negativePrompt());
        requireAtMost("negative_prompt", negativePrompt);
        TextFields.requireNoControls("negative_prompt", negativePrompt);
        ModelSpec model = model(orEmpty(request.model()));
        int width = size("width", request.width(), model);
        int height = size("height", request.height(), model);
        int steps = steps(request.steps(), model);
        long seed = seed(request.seed());
        Lane lane = request.lane() == null ? Lane.INTERACTIVE : request.lane();
        String user = TextFields.label("user", orEmpty(request.user()), MAX_LABEL_LENGTH);
        String endUser = emptyToNull(TextFields.label("end_user", orEmpty(request.endUser()), MAX_LABEL_LENGTH));
        String webhook = orEmpty(request.webhookUrl());
        URI webhookUrl = webhook.isEmpty() ? null : WebhookUrls.parse(webhook);
        String key = emptyToNull(idempotencyKey(orEmpty(request.idempotencyKey())));
        // Resolved values, except the seed: an absent seed is drawn anew each time, yet is the same request.
        String hash = key == null ? null : RequestFingerprint.builder()
                .text(prompt).text(negativePrompt).text(model.name())
                .number(width).number(height).number(steps).optional(request.seed())
                .text(lane.routingKey()).text(webhookUrl == null ? null : webhookUrl.toString()).text(endUser)
                .hash();
        return new Submission(tenant, prompt, negativePrompt, model, width, height, steps, seed, lane, user, endUser,
                webhookUrl, key, hash);
    }

    private static String idempotencyKey(String key) {
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new InvalidFieldException("idempotency_key", "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < 0x20 || key.charAt(i) > 0x7e) {
                throw new InvalidFieldException("idempotency_key", "must be printable ASCII");
            }
        }
        return key;
    }

    private static void requireAtMost(String field, String text) {
        if (text.codePointCount(0, text.length()) > MAX_PROMPT_CODE_POINTS) {
            throw new InvalidFieldException(field, "must be at most " + MAX_PROMPT_CODE_POINTS + " characters");
        }
    }

    private static ModelSpec model(String name) {
        if (name.isEmpty()) {
            return ModelCatalog.find(ModelCatalog.DEFAULT_MODEL).orElseThrow();
        }
        return ModelCatalog.find(name).orElseThrow(() -> new InvalidFieldException("model",
                "unknown model '" + name + "'; known models: "
                        + ModelCatalog.all().stream().map(ModelSpec::name).collect(Collectors.joining(", "))));
    }

    private static int size(String field, int size, ModelSpec model) {
        if (size == 0) {
            return model.defaultSize();
        }
        if (!model.acceptsSize(size)) {
            throw new InvalidFieldException(field, "must be a multiple of " + ModelSpec.SIZE_MULTIPLE
                    + " between " + model.minSize() + " and " + model.maxSize());
        }
        return size;
    }

    private static int steps(int steps, ModelSpec model) {
        if (steps == 0) {
            return model.defaultSteps();
        }
        if (steps < ModelSpec.MIN_STEPS || steps > ModelSpec.MAX_STEPS) {
            throw new InvalidFieldException("steps",
                    "must be between " + ModelSpec.MIN_STEPS + " and " + ModelSpec.MAX_STEPS);
        }
        return steps;
    }

    private static long seed(Long seed) {
        if (seed == null) {
            return ThreadLocalRandom.current().nextLong(MAX_SEED + 1);
        }
        if (seed < 0 || seed > MAX_SEED) {
            throw new InvalidFieldException("seed", "must be between 0 and " + MAX_SEED);
        }
        return seed;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
