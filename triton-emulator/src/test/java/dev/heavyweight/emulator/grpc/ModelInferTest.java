package dev.heavyweight.emulator.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferTensorContents;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.contracts.tensor.TensorCodec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.heavyweight.emulator.grpc.InferRequests.int64;
import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static dev.heavyweight.emulator.grpc.InferRequests.raw;
import static dev.heavyweight.emulator.grpc.InferRequests.stringInput;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ModelInferTest {

    private static NodeClients node;

    @BeforeAll
    static void connect() {
        node = new NodeClients(18101);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node.close();
    }

    @Test
    void samePromptAndSeedGiveIdenticalBytes() {
        ModelInferResponse first = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a red fox", 11).build());
        ModelInferResponse second = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a red fox", 11).build());

        assertThat(first.getRawOutputContents(0).size()).isEqualTo(512 * 512 * 3);
        assertThat(second.getRawOutputContents(0)).isEqualTo(first.getRawOutputContents(0));
    }

    @Test
    void differentPromptsGiveDifferentImages() {
        ModelInferResponse fox = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a red fox", 11).build());
        ModelInferResponse owl = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a snowy owl", 11).build());

        assertThat(owl.getRawOutputContents(0)).isNotEqualTo(fox.getRawOutputContents(0));
    }

    @Test
    void outputIsUint8ImageOfRequestedSizeAndEchoesTheRequest() {
        ModelInferRequest request = prompt("stable_diffusion_1_5", "a long train", 5)
                .setId("wide-1")
                .putParameters("width", int64(640))
                .putParameters("height", int64(384))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("generated_image"))
                .build();

        ModelInferResponse response = node.blocking().modelInfer(request);

        assertThat(response.getModelName()).isEqualTo("stable_diffusion_1_5");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("wide-1");
        assertThat(response.getOutputsCount()).isEqualTo(1);
        assertThat(response.getOutputs(0).getName()).isEqualTo("generated_image");
        assertThat(response.getOutputs(0).getDatatype()).isEqualTo("UINT8");
        assertThat(response.getOutputs(0).getShapeList()).containsExactly(1L, 384L, 640L, 3L);
        RgbImage image = TensorCodec.decodeImage("UINT8", response.getOutputs(0).getShapeList(),
                response.getRawOutputContents(0).toByteArray());
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(384);
    }

    @Test
    void sdxlDefaultsTo1024Square() {
        ModelInferResponse response = node.blocking().modelInfer(prompt("stable_diffusion_xl", "a city", 1).build());

        assertThat(response.getOutputs(0).getShapeList()).containsExactly(1L, 1024L, 1024L, 3L);
        assertThat(response.getRawOutputContents(0).size()).isEqualTo(1024 * 1024 * 3);
    }

    @Test
    void typedBytesContentsGiveTheSameImageAsRaw() {
        ModelInferRequest typed = ModelInferRequest.newBuilder()
                .setModelName("stable_diffusion_1_5")
                .addInputs(stringInput("prompt").setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("a quiet lake"))))
                .addInputs(stringInput("negative_prompt").setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("people"))))
                .putParameters("seed", int64(8))
                .putParameters("steps", int64(1))
                .build();
        ModelInferRequest rawRequest = prompt("stable_diffusion_1_5", "a quiet lake", 8)
                .addInputs(stringInput("negative_prompt"))
                .addRawInputContents(raw("people"))
                .build();

        ModelInferResponse fromTyped = node.blocking().modelInfer(typed);
        ModelInferResponse fromRaw = node.blocking().modelInfer(rawRequest);

        assertThat(fromTyped.getRawOutputContents(0)).isEqualTo(fromRaw.getRawOutputContents(0));
    }

    @Test
    void negativePromptChangesTheImage() {
        ModelInferResponse plain = node.blocking()
                .modelInfer(prompt("stable_diffusion_1_5", "a quiet lake", 8).build());
        ModelInferResponse negative = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a quiet lake", 8)
                .addInputs(stringInput("negative_prompt")).addRawInputContents(raw("people")).build());

        assertThat(negative.getRawOutputContents(0)).isNotEqualTo(plain.getRawOutputContents(0));
    }

    @Test
    void priorityParameterIsAccepted() {
        ModelInferResponse response = node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a kite", 2)
                .putParameters("priority", int64(1)).build());

        assertThat(response.getRawOutputContentsCount()).isEqualTo(1);
    }

    @Test
    void unknownModelIsNotFound() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> node.blocking().modelInfer(prompt("no_such_model", "a cat", 1).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getStatus().getDescription()).contains("no_such_model");
    }

    @Test
    void unknownModelVersionIsNotFound() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> node.blocking().modelInfer(
                        prompt("stable_diffusion_1_5", "a cat", 1).setModelVersion("2").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void answeredRequestsAreCountedPerOutcome() {
        node.blocking().modelInfer(prompt("stable_diffusion_1_5", "a counted cat", 4).build());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_emulator_requests_total{model=\"stable_diffusion_1_5\","
                        + "node=\"127.0.0.1:18101\",outcome=\"success\"}"));
    }
}
