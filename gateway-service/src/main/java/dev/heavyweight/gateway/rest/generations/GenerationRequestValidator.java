package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.gateway.rest.FieldError;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.TextChecks;
import dev.heavyweight.gateway.service.GenerationSpec;
import java.net.URI;
import java.net.URISyntaxException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a generation request against the model catalogue and fills in defaults. Reports every invalid
 * field at once, by its JSON name.
 */
@Singleton
public class GenerationRequestValidator {

    public static final int MAX_PROMPT_CHARS = 2000;
    /** Largest integer a JSON number holds exactly in every client (2^53 - 1). */
    public static final long MAX_SEED = (1L << 53) - 1;
    public static final int MAX_URL_CHARS = 2048;

    public GenerationSpec validate(GenerationRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "must be a JSON object with at least a prompt");
        }
        List<FieldError> errors = new ArrayList<>();
        checkPrompt(request.prompt(), errors);
        checkText("negative_prompt", request.negativePrompt(), errors);
        Optional<ModelSpec> model = findModel(request.model(), errors);
        model.ifPresent(spec -> {
            checkSize("width", request.width(), spec, errors);
            checkSize("height", request.height(), spec, errors);
        });
        if (request.steps() != null && (request.steps() < ModelSpec.MIN_STEPS || request.steps() > ModelSpec.MAX_STEPS)) {
            errors.add(new FieldError("steps",
                    "must be between " + ModelSpec.MIN_STEPS + " and " + ModelSpec.MAX_STEPS));
        }
        if (request.seed() != null && (request.seed() < 0 || request.seed() > MAX_SEED)) {
            errors.add(new FieldError("seed", "must be between 0 and " + MAX_SEED));
        }
        Optional<Lane> lane = request.priority() == null ? Optional.of(Lane.INTERACTIVE) : Lane.fromName(request.priority());
        if (lane.isEmpty()) {
            errors.add(new FieldError("priority", "must be interactive or batch"));
        }
        checkWebhookUrl(request.webhookUrl(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        ModelSpec spec = model.orElseThrow();
        return new GenerationSpec(request.prompt(),
                request.negativePrompt() == null ? "" : request.negativePrompt(),
                spec.name(),
                request.width() == null ? spec.defaultSize() : request.width(),
                request.height() == null ? spec.defaultSize() : request.height(),
                request.steps() == null ? spec.defaultSteps() : request.steps(),
                request.seed(),
                lane.orElseThrow(),
                request.webhookUrl() == null ? "" : request.webhookUrl(),
                "");
    }

    private static void checkPrompt(String prompt, List<FieldError> errors) {
        if (prompt == null) {
            errors.add(new FieldError("prompt", "is required"));
        } else if (TextChecks.hasControlCharacter(prompt)) {
            errors.add(new FieldError("prompt", TextChecks.CONTROL_CHARACTERS));
        } else if (!hasVisibleCharacter(prompt)) {
            errors.add(new FieldError("prompt", "must not be empty or blank"));
        } else {
            checkText("prompt", prompt, errors);
        }
    }

    /** Length in characters (not UTF-16 units) and no control characters: a NUL once got a 502 from the database. */
    private static void checkText(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        if (TextChecks.hasControlCharacter(text)) {
            errors.add(new FieldError(field, TextChecks.CONTROL_CHARACTERS));
        } else if (text.codePointCount(0, text.length()) > MAX_PROMPT_CHARS) {
            errors.add(new FieldError(field, "must be at most " + MAX_PROMPT_CHARS + " characters"));
        }
    }

    /** The shape only; task-service refuses loopback, link-local and private targets unless allow-listed. */
    private static void checkWebhookUrl(String url, List<FieldError> errors) {
        if (url == null) {
            return;
        }
        String problem = "must be an absolute http or https URL of at most " + MAX_URL_CHARS + " characters";
        if (url.length() > MAX_URL_CHARS || TextChecks.hasControlCharacter(url)) {
            errors.add(new FieldError("webhook_url", problem));
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                errors.add(new FieldError("webhook_url", problem + ", with a host and no user info"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("webhook_url", problem));
        }
    }

    /** Whitespace and invisible format characters (zero-width spaces) alone do not make a prompt. */
    private static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT);
    }

    private static Optional<ModelSpec> findModel(String name, List<FieldError> errors) {
        Optional<ModelSpec> model = ModelCatalog.find(name == null ? ModelCatalog.DEFAULT_MODEL : name);
        if (model.isEmpty()) {
            errors.add(new FieldError("model", "must be one of "
                    + ModelCatalog.all().stream().map(ModelSpec::name).collect(Collectors.joining(", "))));
        }
        return model;
    }

    private static void checkSize(String field, Integer size, ModelSpec model, List<FieldError> errors) {
        if (size != null && !model.acceptsSize(size)) {
            errors.add(new FieldError(field, "must be a multiple of " + ModelSpec.SIZE_MULTIPLE + " between "
                    + model.minSize() + " and " + model.maxSize() + " for " + model.name()));
        }
    }
}
