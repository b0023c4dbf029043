package dev.heavyweight.task.grpc;

import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.TaskAlreadyFinishedException;
import dev.heavyweight.task.service.TaskNotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jboss.logging.Logger;

/** Turns service failures into gRPC statuses with a description a caller can act on. */
final class GrpcStatusMapper {

    private static final Logger LOG = Logger.getLogger(GrpcStatusMapper.class);

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
        LOG.error("task request failed", failure);
        return Status.INTERNAL.withDescription("task-service could not complete the request").asRuntimeException();
    }
}
