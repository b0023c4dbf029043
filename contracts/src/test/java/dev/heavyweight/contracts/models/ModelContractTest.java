package dev.heavyweight.contracts.models;

import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse.TensorMetadata;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelContractTest {

    private static final ModelContract SD = ModelContract.find(ModelCatalog.SD_1_5).orElseThrow();

    @Test
    void tritonsStableDiffusionMetadataChecksOut() {
        assertEquals(List.of(), SD.differences(metadata(
                List.of(tensor("prompt", "BYTES", 1, 1), tensor("negative_prompt", "BYTES", 1, 1)),
                List.of(tensor("generated_image", "UINT8", 1, -1, -1, 3)))));
    }

    @Test
    void aDynamicBatchDimensionOrAFixedImageSizeIsCompatible() {
        assertEquals(List.of(), SD.differences(metadata(
                List.of(tensor("prompt", "BYTES", -1, 1), tensor("negative_prompt", "BYTES", -1, 1),
                        tensor("scheduler", "BYTES", 1, 1)),
                List.of(tensor("generated_image", "UINT8", 1, 512, 512, 3)))));
    }

    @Test
    void aRenamedInputIsMissingAndTheMessageNamesWhatTheNodeHas() {
        assertEquals(List.of("input prompt: missing (node has: text, negative_prompt)"), SD.differences(metadata(
                List.of(tensor("text", "BYTES", 1, 1), tensor("negative_prompt", "BYTES", 1, 1)),
                List.of(tensor("generated_image", "UINT8", 1, -1, -1, 3)))));
    }

    @Test
    void wrongDatatypeAndShapeAreEachReported() {
        assertEquals(List.of("output generated_image: datatype FP32, expected UINT8",
                        "output generated_image: shape [1,-1,-1,4], expected [1,-1,-1,3]"),
                SD.differences(metadata(
                        List.of(tensor("prompt", "BYTES", 1, 1), tensor("negative_prompt", "BYTES", 1, 1)),
                        List.of(tensor("generated_image", "FP32", 1, -1, -1, 4)))));
    }

    @Test
    void aShapeOfAnotherRankIsIncompatible() {
        assertEquals(List.of("input negative_prompt: shape [1], expected [1,1]"), SD.differences(metadata(
                List.of(tensor("prompt", "BYTES", 1, 1), tensor("negative_prompt", "BYTES", 1)),
                List.of(tensor("generated_image", "UINT8", 1, -1, -1, 3)))));
    }

    @Test
    void metadataWithoutTensorsMissesEverything() {
        assertEquals(List.of("input prompt: missing (node has: none)", "input negative_prompt: missing (node has: none)",
                "output generated_image: missing (node has: none)"), SD.differences(metadata(List.of(), List.of())));
    }

    @Test
    void onlyCatalogModelsHaveAContract() {
        assertTrue(ModelContract.find("nsfw_mobilenet_v2").isEmpty());
        assertEquals(ModelCatalog.SD_XL, ModelContract.find(ModelCatalog.SD_XL).orElseThrow().model());
    }

    @Test
    void warmUpIsOneStepAtTheSmallestSizeAndItsAnswerIsChecked() {
        ModelSpec xl = ModelCatalog.find(ModelCatalog.SD_XL).orElseThrow();
        var request = WarmUp.request(xl);
        assertEquals(1, request.getParametersOrThrow(ModelCatalog.PARAM_STEPS).getInt64Param());
        assertEquals(512, request.getParametersOrThrow(ModelCatalog.PARAM_WIDTH).getInt64Param());
        assertEquals(WarmUp.REQUEST_ID, request.getId());

        assertTrue(WarmUp.problem(xl, image(512, 512)).isEmpty());
        assertEquals("image is 256x512, requested 512x512", WarmUp.problem(xl, image(256, 512)).orElseThrow());
        assertEquals("response has no output generated_image",
                WarmUp.problem(xl, ModelInferResponse.getDefaultInstance()).orElseThrow());
    }

    private static ModelInferResponse image(int width, int height) {
        return ModelInferResponse.newBuilder()
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("generated_image")
                        .setDatatype("UINT8").addAllShape(List.of(1L, (long) height, (long) width, 3L)))
                .addRawOutputContents(ByteString.copyFrom(new byte[width * height * 3]))
                .build();
    }

    private static ModelMetadataResponse metadata(List<TensorMetadata> inputs, List<TensorMetadata> outputs) {
        return ModelMetadataResponse.newBuilder().setName(ModelCatalog.SD_1_5).addAllInputs(inputs)
                .addAllOutputs(outputs).build();
    }

    private static TensorMetadata tensor(String name, String datatype, long... shape) {
        TensorMetadata.Builder tensor = TensorMetadata.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }
}
