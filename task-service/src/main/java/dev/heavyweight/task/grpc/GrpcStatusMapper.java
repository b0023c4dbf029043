package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.limits.LimitTrailers;
import dev.heavyweight.task.idempotency.IdempotencyConflictException;
import dev.heavyweight.task.limits.LimitExceededException;
import dev.heavyweight.task.repository.DatabaseFailures;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.TaskAlreadyFinishedException;
import dev.heavyweight.task.service.TaskNotFoundException;
import dev.heavyweight.task.service.ThrottledLog;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Turns service failures into gRPC statuses with a description a caller can act on. */
final class GrpcStatusMapper {

    static final String DATABASE_UNAVAILABLE = "database unavailable";

    private static final Logger LOG = Logger.getLogger(GrpcStatusMapper.class);
    private static final ThrottledLog OUTAGE = new ThrottledLog(LOG, Duration.ofSeconds(30));

    private GrpcStatusMapper() {
    }

    static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof InvalidFieldException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof TaskNotFoundException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof TaskAlreadyFinishedException) {
            return Status.FAILED_PRECONDITION.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof IdempotencyConflictException) {
            return Status.ALREADY_EXISTS.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof LimitExceededException limit) {
            return Status.RESOURCE_EXHAUSTED.withDescription(limit.getMessage()).asRuntimeException(trailers(limit));
        }
        if (DatabaseFailures.isUnavailable(failure)) {
            OUTAGE.warn("database", "answering UNAVAILABLE: the database cannot be reached (" + failure + ")");
            return Status.UNAVAILABLE.withDescription(DATABASE_UNAVAILABLE).withCause(failure).asRuntimeException();
        }
        LOG.error("task request failed", failure);
        return Status.INTERNAL.withDescription("task-service could not complete the request").asRuntimeException();
    }

    private static Metadata trailers(LimitExceededException limit) {
        Metadata trailers = new Metadata();
        put(trailers, LimitTrailers.LIMIT, limit.limit());
        put(trailers, LimitTrailers.RETRY_AFTER_MS, String.valueOf(limit.retryAfterMs()));
        put(trailers, LimitTrailers.LIMIT_VALUE, String.valueOf(limit.limitValue()));
        put(trailers, LimitTrailers.REMAINING, "0");
        if (limit.resetMs() != null) {
            put(trailers, LimitTrailers.RESET_MS, String.valueOf(limit.resetMs()));
        }
        if (limit.ratePerSecond() != null) {
            put(trailers, LimitTrailers.RATE_PER_SECOND, String.valueOf(limit.ratePerSecond()));
        }
        return trailers;
    }

    private static void put(Metadata trailers, String key, String value) {
        trailers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    }
}
