package dev.heavyweight.emulator.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Factory of the gRPC errors a node answers for requests it cannot run. */
final class InferErrors {

    private InferErrors() {
    }

    static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    static StatusRuntimeException unknownModel(String model, String version) {
        String which = version.isEmpty() ? "'" + model + "'" : "'" + model + "' version " + version;
        return Status.NOT_FOUND.withDescription("Request for unknown model: " + which + " is not found")
                .asRuntimeException();
    }
}
