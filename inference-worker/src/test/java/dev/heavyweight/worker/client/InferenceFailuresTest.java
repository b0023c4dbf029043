package dev.heavyweight.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InferenceFailuresTest {

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED",
            "ABORTED", "INTERNAL", "UNKNOWN"})
    void transientStatusesAreRetryableInferenceFailures(Status.Code code) {
        JobFailure failure = InferenceFailures.classify(Status.fromCode(code).withDescription("busy").asRuntimeException(),
                false);

        assertThat(failure.reason()).isEqualTo(FailureReason.INFERENCE_FAILED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).isEqualTo("balancer answered " + code.name() + ": busy");
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"INVALID_ARGUMENT", "NOT_FOUND", "FAILED_PRECONDITION",
            "OUT_OF_RANGE", "UNIMPLEMENTED", "PERMISSION_DENIED", "UNAUTHENTICATED"})
    void permanentStatusesAreNotRetryable(Status.Code code) {
        JobFailure failure = InferenceFailures.classify(Status.fromCode(code).asRuntimeException(), false);

        assertThat(failure.reason()).isEqualTo(FailureReason.INFERENCE_FAILED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains(code.name());
    }

    @Test
    void theJobsOwnDeadlinePassingIsAPermanentDeadlineExceeded() {
        JobFailure failure = InferenceFailures.classify(Status.DEADLINE_EXCEEDED.asRuntimeException(), true);

        assertThat(failure.reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
        assertThat(failure.reason().wireName()).isEqualTo("deadline_exceeded");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void anotherStatusUnderTheJobDeadlineKeepsItsOwnClass() {
        JobFailure failure = InferenceFailures.classify(Status.UNAVAILABLE.asRuntimeException(), true);

        assertThat(failure.reason()).isEqualTo(FailureReason.INFERENCE_FAILED);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aConnectionErrorOutsideGrpcIsTransientAndNamedWithoutItsClass() {
        JobFailure failure = InferenceFailures.classify(new ConnectException("Connection refused"), false);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).isEqualTo("balancer answered UNKNOWN: Connection refused")
                .doesNotContain("Exception");
    }
}
