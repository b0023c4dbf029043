package dev.heavyweight.gateway.client;

import static dev.heavyweight.gateway.client.TaskServiceErrors.Operation.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.limits.LimitTrailers;
import dev.heavyweight.gateway.limits.LimitExceededException;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class TaskServiceErrorsTest {

    @Test
    void statusCodesMapToTheGatewaysErrors() {
        assertThat(map(Status.NOT_FOUND)).isInstanceOf(TaskNotFoundException.class);
        assertThat(map(Status.INVALID_ARGUMENT.withDescription("steps: too many"))).isInstanceOf(
                UpstreamInvalidArgumentException.class);
        assertThat(map(Status.FAILED_PRECONDITION)).isInstanceOf(TaskConflictException.class);
        assertThat(map(Status.UNAVAILABLE)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(map(Status.DEADLINE_EXCEEDED)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(map(Status.INTERNAL)).isInstanceOf(UpstreamFailureException.class);
        assertThat(map(Status.PERMISSION_DENIED)).isInstanceOf(UpstreamFailureException.class);
        assertThat(TaskServiceErrors.map(TaskServiceErrors.Operation.GET, new IllegalStateException("boom")))
                .isInstanceOf(UpstreamFailureException.class);
    }

    @Test
    void conflictDetailDoesNotRepeatTheUpstreamDescription() {
        assertThat(map(Status.FAILED_PRECONDITION.withDescription("task 1 row version 7 locked")).getMessage())
                .doesNotContain("row version");
    }

    @Test
    void invalidArgumentNamesTheFirstFieldTheDescriptionMentions() {
        assertThat(SUBMIT.fieldOf("width must be a multiple of 64")).isEqualTo("width");
        assertThat(SUBMIT.fieldOf("negative_prompt: too long")).isEqualTo("negative_prompt");
        assertThat(SUBMIT.fieldOf("prompt is empty")).isEqualTo("prompt");
        assertThat(SUBMIT.fieldOf("unknown lane 3")).isEqualTo("priority");
        assertThat(SUBMIT.fieldOf("invalid steps (0) and seed")).isEqualTo("steps");
        assertThat(SUBMIT.fieldOf("something else went wrong")).isEqualTo("request");
        assertThat(SUBMIT.fieldOf("widths")).isEqualTo("request");
    }

    @Test
    void resourceExhaustedReadsTheLimitTrailers() {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of(LimitTrailers.LIMIT, Metadata.ASCII_STRING_MARSHALLER), LimitTrailers.UNFINISHED);
        trailers.put(Metadata.Key.of(LimitTrailers.RETRY_AFTER_MS, Metadata.ASCII_STRING_MARSHALLER), "2001");
        trailers.put(Metadata.Key.of(LimitTrailers.LIMIT_VALUE, Metadata.ASCII_STRING_MARSHALLER), "50");

        LimitExceededException refused = (LimitExceededException) TaskServiceErrors.map(SUBMIT,
                Status.RESOURCE_EXHAUSTED.asRuntimeException(trailers));

        assertThat(refused.limit()).isEqualTo(LimitExceededException.Limit.UNFINISHED);
        assertThat(refused.retryAfterSeconds()).isEqualTo(3);
        assertThat(refused.state().limit()).isEqualTo(50);
    }

    @Test
    void resourceExhaustedWithoutTrailersIsARateLimitOfASecond() {
        LimitExceededException refused = (LimitExceededException) map(Status.RESOURCE_EXHAUSTED);

        assertThat(refused.limit()).isEqualTo(LimitExceededException.Limit.RATE);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(map(Status.ALREADY_EXISTS)).isInstanceOf(IdempotencyKeyReusedException.class);
    }

    private static RuntimeException map(Status status) {
        return TaskServiceErrors.map(TaskServiceErrors.Operation.GET, status.asRuntimeException());
    }
}
