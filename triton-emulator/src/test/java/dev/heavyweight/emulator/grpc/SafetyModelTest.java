package dev.heavyweight.emulator.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferTensorContents;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferInputTensor;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.GoldenImages;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** nsfw_mobilenet_v2 served for real by every node, beside (never inside) the Stable Diffusion slots. */
@QuarkusTest
class SafetyModelTest {

    private static final String MODEL = "nsfw_mobilenet_v2";
    private static final String SD = "stable_diffusion_1_5";
    private static final List<Long> SHAPE = List.of(1L, 224L, 224L, 3L);
    private static NodeClients node0;
    private final NodeFleet fleet;

    SafetyModelTest(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @BeforeAll
    static void connect() {
        node0 = new NodeClients(18101);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node0.close();
    }

    @AfterEach
    void heal() {
        for (int node : new int[] {0, 1}) {
            Admin.restore(node);
            Admin.clearFaults(node);
            given().contentType(ContentType.JSON).body("{\"ready\":true}").put("/admin/nodes/" + node + "/ready")
                    .then().statusCode(200);
        }
    }

    static ModelInferRequest.Builder classify(String id, byte[] rgb) {
        return ModelInferRequest.newBuilder().setModelName(MODEL).setId(id)
                .addInputs(image()).addRawInputContents(ByteString.copyFrom(rgb));
    }

    static InferInputTensor.Builder image() {
        return InferInputTensor.newBuilder().setName("image").setDatatype("UINT8").addAllShape(SHAPE);
    }

    @Test
    void metadataAndReadinessDescribeTheModel() {
        ModelMetadataResponse metadata = node0.blocking()
                .modelMetadata(ModelMetadataRequest.newBuilder().setName(MODEL).build());

        assertThat(metadata.getName()).isEqualTo(MODEL);
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(metadata.getInputsList()).extracting(t -> t.getName(), t -> t.getDatatype(), t -> t.getShapeList())
                .containsExactly(tuple("image", "UINT8", SHAPE));
        assertThat(metadata.getOutputsList()).extracting(t -> t.getName(), t -> t.getDatatype(), t -> t.getShapeList())
                .containsExactly(tuple("probabilities", "FP32", List.of(1L, 5L)));
        assertThat(node0.blocking().modelReady(ModelReadyRequest.newBuilder().setName(MODEL).build()).getReady())
                .isTrue();
        assertThat(node0.blocking().modelReady(ModelReadyRequest.newBuilder().setName(MODEL).setVersion("2").build())
                .getReady()).isFalse();
    }

    @Test
    void inferenceGivesTheGoldenProbabilitiesAndNamesTheClasses() {
        GoldenImages.Golden golden = GoldenImages.named("blobs-1");

        ModelInferResponse response = node0.blocking().modelInfer(classify("safety-golden", golden.rgb()).build());

        assertThat(response.getModelName()).isEqualTo(MODEL);
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("safety-golden");
        assertThat(response.getOutputsList()).extracting(t -> t.getName(), t -> t.getDatatype(), t -> t.getShapeList())
                .containsExactly(tuple("probabilities", "FP32", List.of(1L, 5L)));
        assertThat(response.getParametersMap().get("classes").getStringParam())
                .isEqualTo("Drawing,Hentai,Neutral,Porn,Sexy");
        float[] probabilities = probabilities(response);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            assertThat(probabilities[i]).isCloseTo(golden.probabilities()[i], within(1e-3f));
            sum += probabilities[i];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void typedUintContentsGiveTheSameProbabilitiesAsRaw() {
        GoldenImages.Golden golden = GoldenImages.named("checkerboard");
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (byte b : golden.rgb()) {
            contents.addUintContents(b & 0xff);
        }

        ModelInferResponse typed = node0.blocking().modelInfer(ModelInferRequest.newBuilder().setModelName(MODEL)
                .addInputs(image().setContents(contents)).build());
        ModelInferResponse raw = node0.blocking().modelInfer(classify("safety-raw", golden.rgb()).build());

        assertThat(typed.getRawOutputContents(0)).isEqualTo(raw.getRawOutputContents(0));
    }

    @Test
    void answersWhileTheStableDiffusionSlotIsHeldAndItsQueueIsFull() throws Exception {
        EmulatedNode node = fleet.nodes().get(0);
        Admin.faults(0, "{\"hang_next\":1}");
        ListenableFuture<ModelInferResponse> holder = node0.future()
                .modelInfer(prompt(SD, "holds the slot", 1).setId("safety-sd-holder").build());
        await().until(() -> node.busySlots() == 1);
        ListenableFuture<ModelInferResponse> waiting = node0.future()
                .modelInfer(prompt(SD, "waits", 2).setId("safety-sd-waiting").build());
        await().until(() -> node.queued() == 1);

        ModelInferResponse answered = node0.blocking()
                .modelInfer(classify("safety-beside-sd", GoldenImages.named("gradient").rgb()).build());

        assertThat(answered.getRawOutputContents(0).size()).isEqualTo(5 * Float.BYTES);
        assertThat(holder.isDone()).isFalse();
        assertThat(waiting.isDone()).isFalse();
        assertThat(node.busySlots()).isEqualTo(1);
        assertThat(node.queued()).isEqualTo(1);
        holder.cancel(true);
        assertThat(waiting.get(30, TimeUnit.SECONDS).getId()).isEqualTo("safety-sd-waiting");
        assertThat(Admin.executions("safety-beside-sd")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("model", MODEL).containsEntry("outcome", "ok").containsEntry("steps", 0)
                .containsEntry("node", Map.of("index", 0, "address", "127.0.0.1:18101")));
    }

    @Test
    void executionsCanBeFilteredByModel() {
        node0.blocking().modelInfer(classify("safety-filtered", GoldenImages.named("stripes").rgb()).build());
        node0.blocking().modelInfer(prompt(SD, "filtered", 3).setId("sd-filtered").build());

        List<String> safety = ids("nsfw_mobilenet_v2");
        List<String> diffusion = ids("stable_diffusion_1_5,stable_diffusion_xl");

        assertThat(safety).contains("safety-filtered").doesNotContain("sd-filtered");
        assertThat(diffusion).contains("sd-filtered").doesNotContain("safety-filtered");
    }

    @Test
    void countsInTritonMetricsAndProcessMetrics() {
        Map<String, String> labels = Map.of("model", MODEL, "version", "1");
        double before = PrometheusText.node(0).value("nv_inference_request_success", labels);

        node0.blocking().modelInfer(classify("safety-counted", GoldenImages.named("skin-tone").rgb()).build());

        PrometheusText after = PrometheusText.node(0);
        assertThat(after.value("nv_inference_request_success", labels) - before).isEqualTo(1.0);
        assertThat(after.value("nv_inference_pending_request_count", labels)).isZero();
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "heavyweight_emulator_requests_total{model=\"nsfw_mobilenet_v2\",node=\"127.0.0.1:18101\","
                        + "outcome=\"success\"}"));
    }

    @Test
    void nodeFaultsApplyToTheSafetyModel() {
        byte[] rgb = GoldenImages.named("noise-7").rgb();
        Admin.faults(0, "{\"fail_next\":1,\"status\":\"RESOURCE_EXHAUSTED\"}");
        assertThat(code(() -> node0.blocking().modelInfer(classify("safety-failed", rgb).build())))
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        given().contentType(ContentType.JSON).body("{\"ready\":false}").put("/admin/nodes/0/ready").then()
                .statusCode(200);
        assertThat(code(() -> node0.blocking().modelInfer(classify("safety-not-ready", rgb).build())))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(node0.blocking().modelReady(ModelReadyRequest.newBuilder().setName(MODEL).build()).getReady())
                .isFalse();
    }

    @Test
    void crashLosesSafetyCallsInFlightAndRefusesNewOnes() throws Exception {
        EmulatedNode node = fleet.nodes().get(1);
        byte[] rgb = GoldenImages.named("noise-2024").rgb();
        try (NodeClients node1 = new NodeClients(18102)) {
            Admin.faults(1, "{\"hang_next\":1}");
            ListenableFuture<ModelInferResponse> inFlight = node1.future()
                    .modelInfer(classify("safety-crash-in-flight", rgb).build());
            await().until(() -> node.faults().plan().hangNext() == 0);

            given().post("/admin/nodes/1/crash").then().statusCode(200);

            ExecutionException failure = catchThrowableOfType(ExecutionException.class,
                    () -> inFlight.get(30, TimeUnit.SECONDS));
            assertThat(Status.fromThrowable(failure.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(code(() -> node1.blocking().modelInfer(classify("safety-crash-refused", rgb).build())))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(Admin.executions("safety-crash-in-flight")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("model", MODEL).containsEntry("outcome", "UNAVAILABLE"));
    }

    @Test
    void invalidImagesAreRejectedNamingTheProblem() {
        byte[] rgb = new byte[224 * 224 * 3];
        Map<String, ModelInferRequest> invalid = Map.of(
                "shape", classify("bad-shape", rgb).setInputs(0, image().clearShape()
                        .addAllShape(List.of(1L, 3L, 224L, 224L))).build(),
                "'FP32'", classify("bad-type", rgb).setInputs(0, image().setDatatype("FP32")).build(),
                "missing required input 'image'", ModelInferRequest.newBuilder().setModelName(MODEL).build(),
                "'picture'", classify("bad-name", rgb).setInputs(0, image().setName("picture")).build(),
                "150528 bytes", classify("bad-size", new byte[1000]).build(),
                "not a UINT8", ModelInferRequest.newBuilder().setModelName(MODEL).addInputs(image().setContents(
                        InferTensorContents.newBuilder().addAllUintContents(Collections.nCopies(
                                224 * 224 * 3, 300)))).build(),
                "'logits'", classify("bad-output", rgb).addOutputs(
                        ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits")).build());

        invalid.forEach((expected, request) -> {
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                    () -> node0.blocking().modelInfer(request));
            assertThat(error).as(expected).isNotNull();
            assertThat(error.getStatus().getCode()).as(expected).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(error.getStatus().getDescription()).contains(expected);
        });
    }

    private static List<String> ids(String models) {
        List<Map<String, Object>> executions = given().queryParam("since", 0).queryParam("model", models)
                .get("/admin/executions").then().statusCode(200).extract().jsonPath().getList("executions");
        return executions.stream().map(e -> (String) e.get("id")).toList();
    }

    private static float[] probabilities(ModelInferResponse response) {
        ByteBuffer raw = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = raw.getFloat();
        }
        return values;
    }

    private static Status.Code code(Runnable call) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(error).isNotNull();
        return error.getStatus().getCode();
    }
}
