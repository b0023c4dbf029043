package dev.heavyweight.emulator.metrics;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.Execution;
import dev.heavyweight.emulator.service.SafetyModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The emulator process's own metrics on {@code /q/metrics}: per-node request outcomes, queue depth, slot use
 * and GPU utilisation. The Triton-style metrics of each node are on {@code /nodes/{index}/metrics}.
 */
@ApplicationScoped
public class EmulatorMetrics {

    private final MeterRegistry registry;

    public EmulatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the instantaneous gauges of a node once it serves. */
    public void register(EmulatedNode node) {
        Gauge.builder("heavyweight.emulator.queued.requests", node, EmulatedNode::queued)
                .description("Requests waiting in the node's queue for a free slot")
                .tag("node", node.name())
                .register(registry);
        Gauge.builder("heavyweight.emulator.busy.slots", node, EmulatedNode::busySlots)
                .description("Execution slots of the node running a request")
                .tag("node", node.name())
                .register(registry);
        Gauge.builder("heavyweight.emulator.gpu.utilization", node, n -> n.gpu().utilization())
                .description("Busy fraction of the node's slots over the utilisation window")
                .tag("node", node.name())
                .register(registry);
        FunctionCounter.builder("heavyweight.emulator.waited.requests", node, EmulatedNode::waitedTotal)
                .description("Requests that found every slot busy and waited in the queue")
                .tag("node", node.name())
                .register(registry);
    }

    /** Counts one finished ModelInfer call; outcome {@code success}, {@code cancelled} or the lower-case gRPC code. */
    public void request(Execution execution) {
        boolean known = ModelCatalog.find(execution.model()).isPresent() || SafetyModel.NAME.equals(execution.model());
        String model = known ? execution.model() : "unknown";
        Counter.builder("heavyweight.emulator.requests")
                .description("ModelInfer calls answered by an emulated node")
                .tags("node", execution.address(), "model", model, "outcome", execution.outcomeTag())
                .register(registry)
                .increment();
    }
}
