package dev.heavyweight.emulator.metrics;

import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.GpuReading;
import dev.heavyweight.emulator.service.NodeStats.FailureReason;
import dev.heavyweight.emulator.service.NodeStats.ModelTotals;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Renders one node's metrics in the Prometheus text format with Triton's names, help texts and labels
 * (sorted, as Triton prints them), so a scraper written for Triton's {@code :8002/metrics} reads them as is.
 */
public final class TritonMetricsWriter {

    /** Prometheus text exposition format, as Triton serves it. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** A 24 GiB GPU with both Stable Diffusion pipelines loaded in fp16. */
    static final long MEMORY_TOTAL_BYTES = 24L * 1024 * 1024 * 1024;
    static final long MEMORY_USED_BYTES = 9L * 1024 * 1024 * 1024 + 512L * 1024 * 1024;
    private static final String VERSION = "1";

    private TritonMetricsWriter() {
    }

    public static String write(EmulatedNode node) {
        String gpu = "gpu_uuid=\"" + node.gpuUuid() + "\"";
        Map<String, ModelTotals> models = node.stats().byModel();
        Map<String, Integer> pending = node.queuedByModel();
        GpuReading reading = node.gpu();
        StringBuilder out = new StringBuilder(4096);
        counter(out, "nv_inference_request_success", "Number of successful inference requests, all batch sizes",
                gpu, models, ModelTotals::success);
        header(out, "nv_inference_request_failure", "Number of failed inference requests, all batch sizes", "counter");
        models.forEach((model, totals) -> {
            for (FailureReason reason : FailureReason.values()) {
                sample(out, "nv_inference_request_failure", gpu + ",model=\"" + model + "\",reason=\"" + reason.name()
                        + "\",version=\"" + VERSION + "\"", Long.toString(totals.failures().get(reason)));
            }
        });
        counter(out, "nv_inference_count", "Number of inferences performed (does not include cached requests)",
                gpu, models, ModelTotals::success);
        counter(out, "nv_inference_exec_count",
                "Number of model executions performed (does not include cached requests)", gpu, models,
                ModelTotals::success);
        counter(out, "nv_inference_request_duration_us",
                "Cumulative inference request duration in microseconds (includes cached requests)", gpu, models,
                ModelTotals::requestMicros);
        counter(out, "nv_inference_queue_duration_us",
                "Cumulative inference queuing duration in microseconds (includes cached requests)", gpu, models,
                ModelTotals::queueMicros);
        counter(out, "nv_inference_compute_infer_duration_us",
                "Cumulative compute inference duration in microseconds (does not include cached requests)", gpu,
                models, ModelTotals::computeMicros);
        header(out, "nv_inference_pending_request_count",
                "Instantaneous number of pending requests awaiting execution per-model.", "gauge");
        models.keySet().forEach(model -> sample(out, "nv_inference_pending_request_count", modelLabels(gpu, model),
                Integer.toString(pending.getOrDefault(model, 0))));
        single(out, "nv_energy_consumption", "GPU energy consumption in joules since the Triton Server started",
                "counter", gpu, decimal(reading.energyJoules()));
        single(out, "nv_gpu_utilization", "GPU utilization rate [0.0 - 1.0)", "gauge", gpu,
                decimal(reading.utilization()));
        single(out, "nv_gpu_memory_total_bytes", "GPU total memory, in bytes", "gauge", gpu,
                Long.toString(MEMORY_TOTAL_BYTES));
        single(out, "nv_gpu_memory_used_bytes", "GPU used memory, in bytes", "gauge", gpu,
                Long.toString(MEMORY_USED_BYTES));
        single(out, "nv_gpu_power_usage", "GPU power usage in watts", "gauge", gpu, decimal(reading.powerWatts()));
        single(out, "nv_gpu_power_limit", "GPU power management limit in watts", "gauge", gpu,
                decimal(node.power().limitWatts()));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String gpu,
                                Map<String, ModelTotals> models, ToLongFunction<ModelTotals> value) {
        header(out, name, help, "counter");
        models.forEach((model, totals) -> sample(out, name, modelLabels(gpu, model),
                Long.toString(value.applyAsLong(totals))));
    }

    private static void single(StringBuilder out, String name, String help, String type, String labels, String value) {
        header(out, name, help, type);
        sample(out, name, labels, value);
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, String value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String modelLabels(String gpu, String model) {
        return gpu + ",model=\"" + model + "\",version=\"" + VERSION + "\"";
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
