package dev.heavyweight.worker.client;

import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.grpc.Status;

/**
 * Turns a failed inference call into the failure the task's owner hears about. Transient statuses
 * (another attempt may well succeed): UNAVAILABLE, DEADLINE_EXCEEDED of the call's own timeout,
 * RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN (connection errors arrive as UNAVAILABLE or UNKNOWN),
 * CANCELLED (by the peer) and DATA_LOSS. Every other status means the request itself cannot succeed
 * (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE, UNIMPLEMENTED, PERMISSION_DENIED,
 * UNAUTHENTICATED, ALREADY_EXISTS): permanent.
 */
public final class InferenceFailures {

    private InferenceFailures() {
    }

    /**
     * @param failure       what the call failed with
     * @param jobDeadlineCut true when the job's own deadline, not the configured timeout, bounded the call
     */
    public static JobFailure classify(Throwable failure, boolean jobDeadlineCut) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        if (code == Status.Code.DEADLINE_EXCEEDED && jobDeadlineCut) {
            return new JobFailure(FailureReason.DEADLINE_EXCEEDED,
                    "the task's deadline passed during inference (" + describe(failure) + ")", false);
        }
        return new JobFailure(FailureReason.INFERENCE_FAILED, "balancer answered " + describe(failure), isTransient(code));
    }

    public static boolean isTransient(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN, CANCELLED, DATA_LOSS -> true;
            default -> false;
        };
    }

    /** A one-line description of a gRPC failure: the status code, then the peer's description. */
    public static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().getMessage();
        }
        return description == null ? status.getCode().name() : status.getCode().name() + ": " + description;
    }
}
