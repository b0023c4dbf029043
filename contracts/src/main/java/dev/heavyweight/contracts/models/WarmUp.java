package dev.heavyweight.contracts.models;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.contracts.tensor.TensorFormatException;

import java.util.List;
import java.util.Optional;

/**
 * The cheapest real inference of a text-to-image model (one step at its smallest size), sent before a service
 * says it is ready: a model whose metadata checks out can still fail to run (a driver too old for the new
 * Triton image), and the first call also loads the model onto the GPU.
 */
public final class WarmUp {

    /** Request id of every warm-up, so execution logs and test fakes can tell them from jobs. */
    public static final String REQUEST_ID = "heavyweight-warm-up";
    public static final String PROMPT = "warm-up";

    private WarmUp() {
    }

    public static ModelInferRequest request(ModelSpec model) {
        return ModelInferRequest.newBuilder()
                .setModelName(model.name())
                .setId(REQUEST_ID)
                .putParameters(ModelCatalog.PARAM_SEED, int64(0))
                .putParameters(ModelCatalog.PARAM_STEPS, int64(ModelSpec.MIN_STEPS))
                .putParameters(ModelCatalog.PARAM_WIDTH, int64(model.minSize()))
                .putParameters(ModelCatalog.PARAM_HEIGHT, int64(model.minSize()))
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName(ModelCatalog.INPUT_PROMPT)
                        .setDatatype(TensorCodec.BYTES)
                        .addAllShape(List.of(1L, 1L)))
                .addRawInputContents(ByteString.copyFrom(TensorCodec.encodeStrings(List.of(PROMPT))))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName(ModelCatalog.OUTPUT_IMAGE))
                .build();
    }

    /** What is wrong with a warm-up's answer (no image, or not the size asked for), or empty when it is good. */
    public static Optional<String> problem(ModelSpec model, ModelInferResponse response) {
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            if (!ModelCatalog.OUTPUT_IMAGE.equals(output.getName())) {
                continue;
            }
            if (i >= response.getRawOutputContentsCount()) {
                return Optional.of("output " + ModelCatalog.OUTPUT_IMAGE + " came without raw contents");
            }
            RgbImage image;
            try {
                image = TensorCodec.decodeImage(output.getDatatype(), output.getShapeList(),
                        response.getRawOutputContents(i).toByteArray());
            } catch (TensorFormatException | ArithmeticException e) {
                return Optional.of("output " + ModelCatalog.OUTPUT_IMAGE + ": " + e.getMessage());
            }
            if (image.width() != model.minSize() || image.height() != model.minSize()) {
                return Optional.of("image is " + image.width() + "x" + image.height() + ", requested "
                        + model.minSize() + "x" + model.minSize());
            }
            return Optional.empty();
        }
        return Optional.of("response has no output " + ModelCatalog.OUTPUT_IMAGE);
    }

    private static InferParameter int64(long value) {
        return InferParameter.newBuilder().setInt64Param(value).build();
    }
}
