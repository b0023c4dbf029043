package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.scheduler.Outcome;
import io.grpc.Status;

import java.util.Locale;

/** What a node's gRPC error says about the node: its own failure, the request's fault, or nothing. */
final class NodeOutcomes {

    private NodeOutcomes() {
    }

    static Outcome of(Status.Code code) {
        return switch (code) {
            // A broken connection surfaces as UNAVAILABLE; INTERNAL is a backend (GPU, model) failure.
            case UNAVAILABLE, INTERNAL -> Outcome.NODE_FAILURE;
            case CANCELLED, DEADLINE_EXCEEDED -> Outcome.CANCELLED;
            default -> Outcome.REQUEST_ERROR;
        };
    }

    /** The metric tag of an outcome: the lower-case gRPC code. */
    static String tag(Status.Code code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
