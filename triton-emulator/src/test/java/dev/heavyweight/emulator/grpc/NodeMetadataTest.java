package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ServerLiveRequest;
import dev.heavyweight.contracts.kserve.ServerMetadataRequest;
import dev.heavyweight.contracts.kserve.ServerMetadataResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class NodeMetadataTest {

    private static NodeClients first;
    private static NodeClients second;

    @BeforeAll
    static void connect() {
        first = new NodeClients(18101);
        second = new NodeClients(18102);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        first.close();
        second.close();
    }

    @Test
    void everyNodeIsLiveAndReady() {
        for (NodeClients node : new NodeClients[] {first, second}) {
            assertThat(node.blocking().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
            assertThat(node.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        }
    }

    @Test
    void serverMetadataNamesTheEmulator() {
        ServerMetadataResponse metadata = first.blocking().serverMetadata(ServerMetadataRequest.getDefaultInstance());

        assertThat(metadata.getName()).isEqualTo("triton-emulator");
        assertThat(metadata.getVersion()).isNotBlank();
        assertThat(metadata.getExtensionsList()).isEmpty();
    }

    @Test
    void knownModelsAreReadyAndUnknownAreNot() {
        assertThat(ready("stable_diffusion_1_5")).isTrue();
        assertThat(ready("stable_diffusion_xl")).isTrue();
        assertThat(ready("no_such_model")).isFalse();
    }

    @Test
    void modelMetadataDescribesTheTensors() {
        ModelMetadataResponse metadata = first.blocking()
                .modelMetadata(ModelMetadataRequest.newBuilder().setName("stable_diffusion_xl").build());

        assertThat(metadata.getName()).isEqualTo("stable_diffusion_xl");
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("python");
        assertThat(metadata.getInputsList())
                .extracting(t -> t.getName(), t -> t.getDatatype(), t -> t.getShapeList())
                .containsExactly(tuple("prompt", "BYTES", java.util.List.of(1L, 1L)),
                        tuple("negative_prompt", "BYTES", java.util.List.of(1L, 1L)));
        assertThat(metadata.getOutputsList())
                .extracting(t -> t.getName(), t -> t.getDatatype(), t -> t.getShapeList())
                .containsExactly(tuple("generated_image", "UINT8", java.util.List.of(1L, -1L, -1L, 3L)));
    }

    @Test
    void metadataOfUnknownModelIsNotFound() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> first.blocking().modelMetadata(
                        ModelMetadataRequest.newBuilder().setName("no_such_model").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void readinessReportsEveryNode() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'emulated Triton nodes' }.data.'127.0.0.1:18101'", equalTo("ready"))
                .body("checks.find { it.name == 'emulated Triton nodes' }.data.'127.0.0.1:18102'", equalTo("ready"));
    }

    private static boolean ready(String model) {
        return first.blocking().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady();
    }
}
