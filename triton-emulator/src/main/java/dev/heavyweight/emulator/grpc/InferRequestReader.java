package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferInputTensor;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferRequestedOutputTensor;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.contracts.tensor.TensorFormatException;
import dev.heavyweight.emulator.service.GenerationRequest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a KServe v2 {@code ModelInferRequest} into a {@link GenerationRequest}, checking it the way Triton
 * checks a request against the Stable Diffusion model configuration. Failures are gRPC status exceptions:
 * NOT_FOUND for an unknown model, INVALID_ARGUMENT naming the offending tensor or parameter.
 */
final class InferRequestReader {

    static final String MODEL_VERSION = "1";
    private static final List<Long> STRING_SHAPE = List.of(1L, 1L);

    private InferRequestReader() {
    }

    static ModelSpec model(String name, String version) {
        if (!version.isEmpty() && !MODEL_VERSION.equals(version)) {
            throw InferErrors.unknownModel(name, version);
        }
        return ModelCatalog.find(name).orElseThrow(() -> InferErrors.unknownModel(name, version));
    }

    static GenerationRequest read(ModelInferRequest request) {
        ModelSpec model = model(request.getModelName(), request.getModelVersion());
        for (InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!ModelCatalog.OUTPUT_IMAGE.equals(output.getName())) {
                throw InferErrors.invalid("unexpected inference output '" + output.getName() + "' for model '"
                        + model.name() + "'; it has only '" + ModelCatalog.OUTPUT_IMAGE + "'");
            }
        }
        Map<String, String> strings = readStrings(request, model.name());
        String prompt = strings.get(ModelCatalog.INPUT_PROMPT);
        if (prompt == null) {
            throw InferErrors.invalid("missing required input '" + ModelCatalog.INPUT_PROMPT + "' for model '"
                    + model.name() + "'");
        }
        RequestParameters parameters = new RequestParameters(request.getParametersMap());
        int steps = parameters.intOr(ModelCatalog.PARAM_STEPS, model.defaultSteps());
        if (steps < ModelSpec.MIN_STEPS || steps > ModelSpec.MAX_STEPS) {
            throw InferErrors.invalid("parameter 'steps' must be between " + ModelSpec.MIN_STEPS + " and "
                    + ModelSpec.MAX_STEPS + ", got " + steps);
        }
        int width = size(parameters, ModelCatalog.PARAM_WIDTH, model);
        int height = size(parameters, ModelCatalog.PARAM_HEIGHT, model);
        long seed = parameters.longOr(ModelCatalog.PARAM_SEED, 0);
        return new GenerationRequest(model, prompt, strings.getOrDefault(ModelCatalog.INPUT_NEGATIVE_PROMPT, ""),
                seed, steps, width, height);
    }

    private static Map<String, String> readStrings(ModelInferRequest request, String model) {
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw InferErrors.invalid("expected " + request.getInputsCount()
                    + " raw_input_contents (one per input), got " + request.getRawInputContentsCount());
        }
        Map<String, String> strings = new HashMap<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            String name = input.getName();
            if (!ModelCatalog.INPUT_PROMPT.equals(name) && !ModelCatalog.INPUT_NEGATIVE_PROMPT.equals(name)) {
                throw InferErrors.invalid("unexpected inference input '" + name + "' for model '" + model + "'");
            }
            if (strings.containsKey(name)) {
                throw InferErrors.invalid("input '" + name + "' is given more than once");
            }
            if (!TensorCodec.BYTES.equals(input.getDatatype())) {
                throw InferErrors.invalid("inference input '" + name + "' data-type is '" + input.getDatatype()
                        + "', but model '" + model + "' expects 'BYTES'");
            }
            if (!STRING_SHAPE.equals(input.getShapeList())) {
                throw InferErrors.invalid("unexpected shape for input '" + name + "' for model '" + model
                        + "': expected [1,1], got " + input.getShapeList());
            }
            String value = raw ? rawString(input, request.getRawInputContents(i).toByteArray()) : typedString(input);
            strings.put(name, value);
        }
        return strings;
    }

    private static String rawString(InferInputTensor input, byte[] raw) {
        if (input.hasContents()) {
            throw InferErrors.invalid("contents field must not be specified when using raw_input_contents, "
                    + "but input '" + input.getName() + "' has both");
        }
        try {
            return TensorCodec.decodeSingleString(raw);
        } catch (TensorFormatException e) {
            throw InferErrors.invalid("input '" + input.getName() + "': " + e.getMessage());
        }
    }

    private static String typedString(InferInputTensor input) {
        int count = input.getContents().getBytesContentsCount();
        if (count != 1) {
            throw InferErrors.invalid("input '" + input.getName() + "' needs exactly 1 element in "
                    + "contents.bytes_contents (or raw_input_contents), got " + count);
        }
        return input.getContents().getBytesContents(0).toString(StandardCharsets.UTF_8);
    }

    private static int size(RequestParameters parameters, String name, ModelSpec model) {
        int size = parameters.intOr(name, model.defaultSize());
        if (!model.acceptsSize(size)) {
            throw InferErrors.invalid("parameter '" + name + "' must be a multiple of " + ModelSpec.SIZE_MULTIPLE
                    + " between " + model.minSize() + " and " + model.maxSize() + " for model '" + model.name()
                    + "', got " + size);
        }
        return size;
    }
}
