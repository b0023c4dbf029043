package dev.heavyweight.task.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.task.lifecycle.Trigger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventChangesTest {

    private static final int MAX_ATTEMPTS = 3;

    @Test
    void transientFailureWithAttemptsLeftIsARetry() {
        Change change = EventChanges.of(failed(2, "inference_failed", "UNAVAILABLE: no node", true), MAX_ATTEMPTS);

        assertThat(change.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(change.attempt()).isEqualTo(2);
        assertThat(change.reason()).isEqualTo("inference_failed");
        assertThat(change.detail()).isEqualTo("UNAVAILABLE: no node");
    }

    @Test
    void transientFailureOfTheLastAttemptEndsTheTaskAndSaysSo() {
        Change change = EventChanges.of(failed(3, "upload_failed", "S3: connection reset", true), MAX_ATTEMPTS);

        assertThat(change.trigger()).isEqualTo(Trigger.FAILED);
        assertThat(change.reason()).isEqualTo("upload_failed");
        assertThat(change.detail()).isEqualTo("attempt 3 of 3 failed and no attempts are left: S3: connection reset");
    }

    @Test
    void permanentFailureEndsTheTaskAtOnce() {
        Change change = EventChanges.of(failed(1, "bad_model_output", "shape [1,3]", false), MAX_ATTEMPTS);

        assertThat(change.trigger()).isEqualTo(Trigger.FAILED);
        assertThat(change.detail()).isEqualTo("shape [1,3]");
    }

    @Test
    void passedDeadlineExpiresTheTaskWhateverTheRetryFlag() {
        assertThat(EventChanges.of(failed(1, "deadline_exceeded", "too late", true), MAX_ATTEMPTS).trigger())
                .isEqualTo(Trigger.JOB_EXPIRED);
        assertThat(EventChanges.of(failed(1, "deadline_exceeded", "too late", false), MAX_ATTEMPTS).trigger())
                .isEqualTo(Trigger.JOB_EXPIRED);
    }

    @Test
    void failureWithoutAReasonGetsAGenericOne() {
        Change change = EventChanges.of(failed(1, " ", null, false), MAX_ATTEMPTS);

        assertThat(change.reason()).isEqualTo(EventChanges.WORKER_FAILED);
        assertThat(change.detail()).isNull();
    }

    @Test
    void otherEventsCarryNoReason() {
        WorkerEvent started = new WorkerEvent(Trigger.STARTED, UUID.randomUUID(), "acme", 1, "w1", Instant.EPOCH, null,
                "ignored", "ignored", null, false, null, null);

        Change change = EventChanges.of(started, MAX_ATTEMPTS);

        assertThat(change.trigger()).isEqualTo(Trigger.STARTED);
        assertThat(change.reason()).isNull();
        assertThat(change.detail()).isNull();
        assertThat(change.source()).isEqualTo("worker:w1");
    }

    private static WorkerEvent failed(int attempt, String reason, String detail, boolean retryable) {
        return new WorkerEvent(Trigger.FAILED, UUID.randomUUID(), "acme", attempt, "w1", Instant.EPOCH, null, reason,
                detail, null, retryable, null, null);
    }
}
