package dev.heavyweight.gateway.rest.openai;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.gateway.rest.FieldError;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.TextChecks;
import dev.heavyweight.gateway.rest.generations.GenerationRequest;
import dev.heavyweight.gateway.rest.generations.GenerationRequestValidator;
import dev.heavyweight.gateway.service.GenerationSpec;
import dev.heavyweight.gateway.service.ImageFormat;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's request onto an ordinary interactive generation, checked by the same validator as
 * POST /v1/generations. Model names: ours, plus {@code dall-e-2} → stable_diffusion_1_5 (also the default)
 * and {@code dall-e-3} → stable_diffusion_xl, so clients written for OpenAI run unchanged.
 */
@Singleton
public class ImagesRequestTranslator {

    /** What one call may ask for. */
    public record Translated(GenerationSpec spec, int n, ImageFormat format) {
    }

    public static final int MAX_N = 4;
    public static final int MAX_USER_CHARS = 256;

    private static final Map<String, String> MODEL_ALIASES = Map.of(
            "dall-e-2", ModelCatalog.SD_1_5,
            "dall-e-3", ModelCatalog.SD_XL);
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,5})x([0-9]{1,5})");

    private final GenerationRequestValidator validator;

    ImagesRequestTranslator(GenerationRequestValidator validator) {
        this.validator = validator;
    }

    public Translated translate(ImagesRequest request) {
        if (request == null) {
            throw OpenAiException.invalid(null, "The body must be a JSON object with at least a prompt.");
        }
        int n = request.n() == null ? 1 : request.n();
        if (n < 1 || n > MAX_N) {
            throw OpenAiException.invalid("n", "n must be between 1 and " + MAX_N + ".");
        }
        ImageFormat format = format(request.responseFormat());
        String model = model(request.model());
        Integer width = null;
        Integer height = null;
        if (request.size() != null) {
            Matcher size = SIZE.matcher(request.size().toLowerCase(Locale.ROOT));
            if (!size.matches()) {
                throw OpenAiException.invalid("size", "size must be WIDTHxHEIGHT, e.g. 512x512.");
            }
            width = Integer.parseInt(size.group(1));
            height = Integer.parseInt(size.group(2));
        }
        if (request.user() != null && (request.user().length() > MAX_USER_CHARS || TextChecks.hasControlCharacter(request.user()))) {
            throw OpenAiException.invalid("user", "user must be at most " + MAX_USER_CHARS + " characters, without control characters.");
        }
        GenerationSpec spec;
        try {
            spec = validator.validate(new GenerationRequest(request.prompt(), null, model, width, height, null, null,
                    "interactive"));
        } catch (InvalidRequestException e) {
            FieldError first = e.errors().get(0);
            String param = first.field().equals("width") || first.field().equals("height") ? "size" : first.field();
            throw OpenAiException.invalid(param, param + " " + first.message() + ".");
        }
        return new Translated(new GenerationSpec(spec.prompt(), spec.negativePrompt(), spec.model(), spec.width(),
                spec.height(), spec.steps(), spec.seed(), spec.lane(), "", request.user() == null ? "" : request.user()),
                n, format);
    }

    private static ImageFormat format(String responseFormat) {
        if (responseFormat == null || responseFormat.equals("url")) {
            return ImageFormat.URL;
        }
        if (responseFormat.equals("b64_json")) {
            return ImageFormat.B64_JSON;
        }
        throw OpenAiException.invalid("response_format", "response_format must be url or b64_json.");
    }

    private static String model(String requested) {
        if (requested == null) {
            return ModelCatalog.DEFAULT_MODEL;
        }
        String model = MODEL_ALIASES.getOrDefault(requested, requested);
        if (ModelCatalog.find(model).isEmpty()) {
            throw new OpenAiException(400, OpenAiError.INVALID_REQUEST, "model_not_found", "model", "The model '"
                    + requested + "' does not exist; use stable_diffusion_1_5, stable_diffusion_xl, dall-e-2 or dall-e-3.");
        }
        return model;
    }
}
