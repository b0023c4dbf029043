package dev.heavyweight.emulator.rest;

import dev.heavyweight.emulator.service.FaultPlan;
import io.grpc.Status;

import java.util.Locale;

/**
 * A node's injected faults as the admin API reads and writes them. When written, omitted fields mean "none"
 * and status defaults to UNAVAILABLE, so {@code {}} clears every fault.
 */
public record FaultsView(Integer failNext, Double failRate, String status, Boolean hang, Integer hangNext,
                         Double hangRate) {

    static FaultsView of(FaultPlan plan) {
        return new FaultsView(plan.failNext(), plan.failRate(), plan.status().name(), plan.hang(), plan.hangNext(),
                plan.hangRate());
    }

    FaultPlan toPlan() {
        return new FaultPlan(failNext == null ? 0 : failNext, failRate == null ? 0 : failRate, code(status),
                hang != null && hang, hangNext == null ? 0 : hangNext, hangRate == null ? 0 : hangRate);
    }

    private static Status.Code code(String name) {
        if (name == null || name.isBlank()) {
            return Status.Code.UNAVAILABLE;
        }
        try {
            return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be a gRPC status code name such as UNAVAILABLE, was "
                    + name);
        }
    }
}
