package dev.heavyweight.emulator.rest;

import dev.heavyweight.emulator.grpc.NodeServers;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.GpuReading;

import java.util.Map;

/**
 * One node as the admin API shows it: configuration, live state, GPU accounting since start and faults.
 *
 * @param busyMs     time-integral of the busy fraction (busy slots / slots) since start: GPU-busy time
 * @param busySlotMs time slots spent running requests since start, summed over slots
 * @param outcomes   finished calls per outcome ({@code ok}, {@code cancelled} or a gRPC status name)
 */
public record NodeView(int index, String name, String gpuUuid, boolean ready, boolean crashed, Long restoreAtMs,
                       int slots, double speed, double stepTimeMs, double stepJitter, int busySlots, int queued,
                       long waited, long completed, double busyMs, double busySlotMs, double utilization,
                       double powerWatts, double energyJoules, Map<String, Long> outcomes, FaultsView faults) {

    static NodeView of(EmulatedNode node, NodeServers servers) {
        GpuReading gpu = node.gpu();
        return new NodeView(node.index(), node.name(), node.gpuUuid(), node.ready(), !servers.serving(node.index()),
                servers.restoreAtMs(node.index()).orElse(null), node.slots(), node.speed(),
                node.executionTime().stepTime().toNanos() / 1e6, node.executionTime().jitter(), node.busySlots(),
                node.queued(), node.waitedTotal(), node.completedTotal(), gpu.busyNanos() / 1e6,
                gpu.busySlotNanos() / 1e6, gpu.utilization(), gpu.powerWatts(), gpu.energyJoules(),
                node.stats().outcomes(), FaultsView.of(node.faults().plan()));
    }
}
