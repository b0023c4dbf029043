package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.models.ModelCatalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stable Diffusion tensors a node declares under another name ({@code heavyweight.emulator.renamed-tensors}), as a
 * model repository that broke the platform's contract would: the node's metadata shows the new name, requests must
 * use it, the old name is refused like any unknown tensor, and the response's output carries it.
 */
final class TensorRenames {

    static final TensorRenames NONE = new TensorRenames(Map.of());
    private static final List<String> TENSORS = List.of(ModelCatalog.INPUT_PROMPT, ModelCatalog.INPUT_NEGATIVE_PROMPT,
            ModelCatalog.OUTPUT_IMAGE);

    private final Map<String, String> declared;
    private final Map<String, String> original = new HashMap<>();

    private TensorRenames(Map<String, String> declared) {
        this.declared = Map.copyOf(declared);
        declared.forEach((from, to) -> original.put(to, from));
    }

    /** Parses {@code old:new} entries; fails on a malformed entry or a tensor the models do not have. */
    static TensorRenames parse(List<String> entries) {
        Map<String, String> renames = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("heavyweight.emulator.renamed-tensors: '" + entry
                        + "' is not old:new, e.g. prompt:text");
            }
            if (!TENSORS.contains(parts[0].trim())) {
                throw new IllegalArgumentException("heavyweight.emulator.renamed-tensors: '" + parts[0].trim()
                        + "' is no tensor of the Stable Diffusion models; they have " + TENSORS);
            }
            renames.put(parts[0].trim(), parts[1].trim());
        }
        return new TensorRenames(renames);
    }

    boolean isEmpty() {
        return declared.isEmpty();
    }

    /** The name the node declares for one of the models' tensors. */
    String declared(String tensor) {
        return declared.getOrDefault(tensor, tensor);
    }

    /** The request with the declared names turned back into the models' own; a renamed-away name is refused. */
    ModelInferRequest toModelNames(ModelInferRequest request) {
        if (declared.isEmpty()) {
            return request;
        }
        ModelInferRequest.Builder builder = request.toBuilder();
        for (ModelInferRequest.InferInputTensor.Builder input : builder.getInputsBuilderList()) {
            input.setName(modelName("input", input.getName(), request.getModelName()));
        }
        for (ModelInferRequest.InferRequestedOutputTensor.Builder output : builder.getOutputsBuilderList()) {
            output.setName(modelName("output", output.getName(), request.getModelName()));
        }
        return builder.build();
    }

    private String modelName(String kind, String name, String model) {
        if (declared.containsKey(name)) {
            throw InferErrors.invalid("unexpected inference " + kind + " '" + name + "' for model '" + model + "'");
        }
        return original.getOrDefault(name, name);
    }
}
