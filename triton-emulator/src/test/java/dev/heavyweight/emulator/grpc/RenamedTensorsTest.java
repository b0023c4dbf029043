package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse.TensorMetadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static dev.heavyweight.emulator.grpc.InferRequests.raw;
import static dev.heavyweight.emulator.grpc.InferRequests.stringInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Node 1 declares {@code prompt} as {@code text} and {@code generated_image} as {@code image}; node 0 is unchanged. */
@QuarkusTest
@TestProfile(RenamedTensorsTest.BrokenContractOnNode1.class)
class RenamedTensorsTest {

    public static class BrokenContractOnNode1 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.emulator.node.\"1\".renamed-tensors", "prompt:text,generated_image:image");
        }
    }

    @Test
    void theRenamedNodeDeclaresTheNewNamesAndTheOtherNodeTheModelsOwn() throws InterruptedException {
        try (NodeClients node0 = new NodeClients(18101); NodeClients node1 = new NodeClients(18102)) {
            assertThat(node1.blocking().modelMetadata(metadata()).getInputsList()).extracting(TensorMetadata::getName)
                    .containsExactly("text", "negative_prompt");
            assertThat(node1.blocking().modelMetadata(metadata()).getOutputsList()).extracting(TensorMetadata::getName)
                    .containsExactly("image");
            assertThat(node0.blocking().modelMetadata(metadata()).getInputsList()).extracting(TensorMetadata::getName)
                    .containsExactly("prompt", "negative_prompt");
        }
    }

    @Test
    void theRenamedNodeRefusesTheOldNameAndServesTheNewOne() throws InterruptedException {
        try (NodeClients node1 = new NodeClients(18102)) {
            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> node1.blocking().modelInfer(prompt("stable_diffusion_1_5", "old name", 1).build()));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(refused.getStatus().getDescription()).contains("unexpected inference input 'prompt'");

            ModelInferResponse served = node1.blocking().modelInfer(ModelInferRequest.newBuilder()
                    .setModelName("stable_diffusion_1_5").setId("renamed")
                    .addInputs(stringInput("text")).addRawInputContents(raw("new name"))
                    .putParameters("steps", InferRequests.int64(1)).build());
            assertThat(served.getOutputs(0).getName()).isEqualTo("image");
        }
    }

    private static ModelMetadataRequest metadata() {
        return ModelMetadataRequest.newBuilder().setName("stable_diffusion_1_5").build();
    }
}
