package dev.heavyweight.emulator.metrics;

import dev.heavyweight.emulator.service.EmulatedNode;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/** Per-node request outcomes, queue depth and slot use of the emulated nodes. */
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
        FunctionCounter.builder("heavyweight.emulator.waited.requests", node, EmulatedNode::waitedTotal)
                .description("Requests that found every slot busy and waited in the queue")
                .tag("node", node.name())
                .register(registry);
    }

    /** Counts one finished ModelInfer call; {@code outcome} is {@code success} or the lower-case gRPC code. */
    public void request(EmulatedNode node, String model, Status.Code code) {
        String outcome = code == Status.Code.OK ? "success" : code.name().toLowerCase(Locale.ROOT);
        Counter.builder("heavyweight.emulator.requests")
                .description("ModelInfer calls answered by an emulated node")
                .tags("node", node.name(), "model", model, "outcome", outcome)
                .register(registry)
                .increment();
    }
}
