package dev.heavyweight.worker.client;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.contracts.tensor.TensorFormatException;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import java.util.List;

/**
 * The request and response of Triton's Stable Diffusion models: {@code prompt} (and an optional
 * {@code negative_prompt}) as BYTES [1,1] raw inputs, the knobs as int64 request parameters, and
 * {@code generated_image} UINT8 [1,H,W,3] back.
 */
final class StableDiffusionContract {

    private static final List<Long> STRING_SHAPE = List.of(1L, 1L);

    private StableDiffusionContract() {
    }

    static ModelInferRequest request(JobMessage job) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName(job.model())
                .setId(job.taskId())
                .putParameters(ModelCatalog.PARAM_SEED, int64(job.seed()))
                .putParameters(ModelCatalog.PARAM_STEPS, int64(job.steps()))
                .putParameters(ModelCatalog.PARAM_WIDTH, int64(job.width()))
                .putParameters(ModelCatalog.PARAM_HEIGHT, int64(job.height()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName(ModelCatalog.OUTPUT_IMAGE));
        addString(request, ModelCatalog.INPUT_PROMPT, job.prompt());
        if (job.negativePrompt() != null && !job.negativePrompt().isEmpty()) {
            addString(request, ModelCatalog.INPUT_NEGATIVE_PROMPT, job.negativePrompt());
        }
        return request.build();
    }

    /** The generated image, checked to be exactly the size that was asked for. */
    static RgbImage image(ModelInferResponse response, int width, int height) {
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            if (!ModelCatalog.OUTPUT_IMAGE.equals(output.getName())) {
                continue;
            }
            if (i >= response.getRawOutputContentsCount()) {
                throw badOutput("output " + ModelCatalog.OUTPUT_IMAGE + " came without raw contents");
            }
            RgbImage image;
            try {
                image = TensorCodec.decodeImage(output.getDatatype(), output.getShapeList(),
                        response.getRawOutputContents(i).toByteArray());
            } catch (TensorFormatException | ArithmeticException e) {
                throw badOutput(e.getMessage());
            }
            if (image.width() != width || image.height() != height) {
                throw badOutput("image is " + image.width() + "x" + image.height() + ", requested "
                        + width + "x" + height);
            }
            return image;
        }
        throw badOutput("response has no output " + ModelCatalog.OUTPUT_IMAGE);
    }

    private static void addString(ModelInferRequest.Builder request, String name, String value) {
        request.addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName(name)
                        .setDatatype(TensorCodec.BYTES)
                        .addAllShape(STRING_SHAPE))
                .addRawInputContents(ByteString.copyFrom(TensorCodec.encodeStrings(List.of(value))));
    }

    private static InferParameter int64(long value) {
        return InferParameter.newBuilder().setInt64Param(value).build();
    }

    private static JobFailure badOutput(String detail) {
        return new JobFailure(FailureReason.BAD_MODEL_OUTPUT, detail, false);
    }
}
