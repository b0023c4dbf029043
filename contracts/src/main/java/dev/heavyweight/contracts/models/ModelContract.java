package dev.heavyweight.contracts.models;

import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse.TensorMetadata;
import dev.heavyweight.contracts.tensor.TensorCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tensors a model must declare in {@code ModelMetadata} for the platform to call it: every expected input and
 * output present, with the expected datatype and a compatible shape. Extra tensors on the server are allowed (the
 * platform never sends or reads them). Checked by the balancer on each node and by the worker through the balancer
 * before either says it is ready, so a Triton image or model repository that changed a tensor stops a rollout
 * instead of failing every job.
 *
 * @param model   Triton model name
 * @param inputs  inputs the platform sends
 * @param outputs outputs the platform reads
 */
public record ModelContract(String model, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    private static final List<Long> STRING_SHAPE = List.of(1L, 1L);
    private static final List<Long> IMAGE_SHAPE = List.of(1L, TensorSpec.VARIABLE, TensorSpec.VARIABLE, 3L);

    public ModelContract {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The contract of a text-to-image model of the {@link ModelCatalog}. */
    public static ModelContract of(ModelSpec spec) {
        return new ModelContract(spec.name(),
                List.of(new TensorSpec(ModelCatalog.INPUT_PROMPT, TensorCodec.BYTES, STRING_SHAPE),
                        new TensorSpec(ModelCatalog.INPUT_NEGATIVE_PROMPT, TensorCodec.BYTES, STRING_SHAPE)),
                List.of(new TensorSpec(ModelCatalog.OUTPUT_IMAGE, TensorCodec.UINT8, IMAGE_SHAPE)));
    }

    /** The contract of a catalog model, or empty for a model the platform has no contract for. */
    public static Optional<ModelContract> find(String model) {
        return ModelCatalog.find(model).map(ModelContract::of);
    }

    /** Human-readable differences between this contract and what a server declares; empty when it checks out. */
    public List<String> differences(ModelMetadataResponse metadata) {
        List<String> differences = new ArrayList<>();
        compare("input", inputs, metadata.getInputsList(), differences);
        compare("output", outputs, metadata.getOutputsList(), differences);
        return differences;
    }

    private static void compare(String kind, List<TensorSpec> expected, List<TensorMetadata> declared,
                                List<String> differences) {
        for (TensorSpec tensor : expected) {
            Optional<TensorMetadata> match = declared.stream()
                    .filter(t -> t.getName().equals(tensor.name())).findFirst();
            if (match.isEmpty()) {
                differences.add(kind + " " + tensor.name() + ": missing (node has: " + names(declared) + ")");
            } else {
                differences.addAll(tensor.differences(kind, match.get()));
            }
        }
    }

    private static String names(List<TensorMetadata> declared) {
        if (declared.isEmpty()) {
            return "none";
        }
        return declared.stream().map(TensorMetadata::getName).collect(Collectors.joining(", "));
    }
}
