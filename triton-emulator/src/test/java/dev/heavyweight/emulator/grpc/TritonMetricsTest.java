package dev.heavyweight.emulator.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

/** Each node's Triton-style metrics: Triton's names and labels, and counters that move as requests end. */
@QuarkusTest
class TritonMetricsTest {

    private static final String SD = "stable_diffusion_1_5";
    private static final Set<String> INFERENCE_COUNTERS = Set.of("nv_inference_request_success", "nv_inference_count",
            "nv_inference_exec_count", "nv_inference_request_duration_us", "nv_inference_queue_duration_us",
            "nv_inference_compute_infer_duration_us", "nv_inference_pending_request_count");
    private static final Set<String> GPU_METRICS = Set.of("nv_energy_consumption", "nv_gpu_utilization",
            "nv_gpu_power_usage", "nv_gpu_power_limit", "nv_gpu_memory_used_bytes", "nv_gpu_memory_total_bytes");
    private static NodeClients client;
    private final NodeFleet fleet;

    TritonMetricsTest(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @BeforeAll
    static void connect() {
        client = new NodeClients(18102);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        client.close();
    }

    @AfterEach
    void heal() {
        Admin.clearFaults(1);
    }

    @Test
    void everyMetricHasTritonsNameAndLabels() {
        given().get("/nodes/1/metrics").then().statusCode(200).contentType(startsWith("text/plain"));
        PrometheusText metrics = PrometheusText.node(1);
        String uuid = fleet.nodes().get(1).gpuUuid();

        assertThat(uuid).matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(uuid).isNotEqualTo(fleet.nodes().get(0).gpuUuid());
        assertThat(metrics.samples()).extracting(PrometheusText.Sample::name).containsAll(INFERENCE_COUNTERS)
                .containsAll(GPU_METRICS).contains("nv_inference_request_failure");
        for (PrometheusText.Sample sample : metrics.samples()) {
            assertThat(sample.labels()).as(sample.toString()).containsEntry("gpu_uuid", uuid);
            if (INFERENCE_COUNTERS.contains(sample.name())) {
                assertThat(sample.labels().keySet()).containsExactly("gpu_uuid", "model", "version");
            } else if (GPU_METRICS.contains(sample.name())) {
                assertThat(sample.labels().keySet()).containsExactly("gpu_uuid");
            } else {
                assertThat(sample.name()).isEqualTo("nv_inference_request_failure");
                assertThat(sample.labels().keySet()).containsExactly("gpu_uuid", "model", "reason", "version");
            }
        }
        assertThat(metrics.samples().stream().filter(s -> s.name().equals("nv_inference_count"))
                .map(s -> s.labels().get("model")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("stable_diffusion_1_5", "stable_diffusion_xl", "nsfw_mobilenet_v2");
        assertThat(metrics.samples().stream().filter(s -> s.name().equals("nv_inference_request_failure"))
                .map(s -> s.labels().get("reason")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("REJECTED", "CANCELED", "BACKEND", "OTHER");
        assertThat(metrics.value("nv_gpu_memory_used_bytes")).isLessThan(metrics.value("nv_gpu_memory_total_bytes"));
        assertThat(metrics.value("nv_gpu_power_limit")).isEqualTo(300.0);
    }

    @Test
    void countersMoveAndPendingCountShowsQueuedRequests() throws Exception {
        EmulatedNode node = fleet.nodes().get(1);
        Map<String, String> sd = Map.of("model", SD, "version", "1");
        PrometheusText before = PrometheusText.node(1);

        Admin.faults(1, "{\"hang_next\":1}");
        ListenableFuture<ModelInferResponse> holder = client.future()
                .modelInfer(prompt(SD, "holder", 1).setId("metrics-holder").build());
        await().until(() -> node.busySlots() == 1);
        ListenableFuture<ModelInferResponse> waiting = client.future()
                .modelInfer(prompt(SD, "waiting", 2).setId("metrics-waiting").build());
        await().until(() -> node.queued() == 1);

        PrometheusText holding = PrometheusText.node(1);
        assertThat(holding.value("nv_inference_pending_request_count", sd)).isEqualTo(1.0);
        assertThat(holding.value("nv_inference_pending_request_count", Map.of("model", "stable_diffusion_xl")))
                .isZero();
        assertThat(holding.value("nv_gpu_power_usage")).isBetween(60.0, 300.0);

        holder.cancel(true);
        assertThat(waiting.get().getId()).isEqualTo("metrics-waiting");
        Admin.faults(1, "{\"fail_next\":1}");
        StatusRuntimeException rejected = catchThrowableOfType(StatusRuntimeException.class,
                () -> client.blocking().modelInfer(prompt(SD, "rejected", 3).build()));
        assertThat(rejected.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

        PrometheusText after = PrometheusText.node(1);
        assertThat(delta(before, after, "nv_inference_request_success", sd)).isEqualTo(1.0);
        assertThat(delta(before, after, "nv_inference_count", sd)).isEqualTo(1.0);
        assertThat(delta(before, after, "nv_inference_exec_count", sd)).isEqualTo(1.0);
        assertThat(delta(before, after, "nv_inference_request_failure", with(sd, "reason", "REJECTED"))).isEqualTo(1.0);
        assertThat(delta(before, after, "nv_inference_request_failure", with(sd, "reason", "CANCELED"))).isEqualTo(1.0);
        assertThat(delta(before, after, "nv_inference_request_failure", with(sd, "reason", "BACKEND"))).isZero();
        assertThat(delta(before, after, "nv_inference_queue_duration_us", sd)).as("the request waited").isPositive();
        assertThat(delta(before, after, "nv_inference_compute_infer_duration_us", sd)).isPositive();
        assertThat(delta(before, after, "nv_inference_request_duration_us", sd))
                .isGreaterThanOrEqualTo(delta(before, after, "nv_inference_compute_infer_duration_us", sd));
        assertThat(after.value("nv_inference_pending_request_count", sd)).isZero();
        assertThat(after.value("nv_energy_consumption")).isGreaterThan(before.value("nv_energy_consumption"));
        assertThat(after.value("nv_gpu_utilization")).isBetween(0.0, 1.0);
    }

    @Test
    void nodeMetricsPortServesTheSameMetricsAsTritonsPort() {
        String text = given().get("http://127.0.0.1:18202/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        PrometheusText metrics = PrometheusText.of(text);

        assertThat(metrics.samples()).allSatisfy(s ->
                assertThat(s.labels()).containsEntry("gpu_uuid", fleet.nodes().get(1).gpuUuid()));
        assertThat(metrics.value("nv_gpu_power_limit")).isEqualTo(300.0);
        given().get("http://127.0.0.1:18202/other").then().statusCode(404);
    }

    @Test
    void unknownNodeHasNoMetrics() {
        given().get("/nodes/9/metrics").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> extended = new java.util.HashMap<>(labels);
        extended.put(key, value);
        return extended;
    }
}
