package dev.heavyweight.emulator.service;

import io.grpc.Status;

import java.util.Locale;

/**
 * What became of one ModelInfer call on a node, for benchmarks: when it arrived, got a slot and ended.
 *
 * @param id           the request's id (the worker sets it to the task id)
 * @param node         index of the node
 * @param address      host:port of the node
 * @param model        the model asked for
 * @param arrivedAtMs  when the call reached the node, epoch milliseconds
 * @param startedAtMs  when it got a slot; null if it never did
 * @param finishedAtMs when the node was done with it
 * @param code         OK, CANCELLED when the caller gave up, or the error status
 * @param steps        diffusion steps asked for (0 if the request was invalid)
 * @param queueMicros  time waiting for a slot
 * @param computeMicros time holding a slot
 * @param traceparent  the W3C trace context the call came with (gRPC metadata {@code traceparent}); null if none
 */
public record Execution(String id, int node, String address, String model, long arrivedAtMs, Long startedAtMs,
                        long finishedAtMs, Status.Code code, int steps, long queueMicros, long computeMicros,
                        String traceparent) {

    /** {@code ok}, {@code cancelled}, or the gRPC status name. */
    public String outcome() {
        return switch (code) {
            case OK -> "ok";
            case CANCELLED -> "cancelled";
            default -> code.name();
        };
    }

    /** The same outcome in lower case, as a metric tag ({@code success} for ok). */
    public String outcomeTag() {
        return code == Status.Code.OK ? "success" : code.name().toLowerCase(Locale.ROOT);
    }
}
