package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.TaskState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Submit with an idempotency key: a repeat returns the original task, whatever the concurrency. */
@QuarkusTest
class IdempotencyTest extends TaskServiceFixture {

    @Test
    void aRepeatReturnsTheOriginalTaskWithoutTakingATokenOrOwingAnotherJob() throws Exception {
        SubmitRequest request = request("order-1");
        SubmitResponse first = api.submitResponse(request);
        String bucketAfterFirst = Database.bucket(tenant);
        api.awaitState(first.getTask(), TaskState.TASK_STATE_QUEUED);

        SubmitResponse repeat = api.submitResponse(request);

        assertThat(first.getReplayed()).isFalse();
        assertThat(repeat.getReplayed()).isTrue();
        assertThat(repeat.getTask().getId()).isEqualTo(first.getTask().getId());
        assertThat(repeat.getTask().getState()).isEqualTo(TaskState.TASK_STATE_QUEUED);
        assertThat(repeat.getRateLimit().getLimit()).isEqualTo(40);
        assertThat(Database.bucket(tenant)).isEqualTo(bucketAfterFirst);
        assertThat(Database.taskCount(tenant)).isEqualTo(1);
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().taskId()).isEqualTo(first.getTask().getId());
        Database.awaitOutboxDrained();
        assertThat(broker.take(Lane.INTERACTIVE)).isNull();
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndKeysArePerTenant() throws Exception {
        SubmitResponse first = api.submitResponse(request("order-2"));

        assertThatThrownBy(() -> api.submit(request("order-2").toBuilder().setPrompt("a different picture").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("idempotency key 'order-2' was used with a different request");
                });
        String otherTenant = tenant + "-other";
        SubmitResponse theirs = api.submitResponse(request("order-2").toBuilder().setTenant(otherTenant).build());

        assertThat(theirs.getReplayed()).isFalse();
        assertThat(theirs.getTask().getId()).isNotEqualTo(first.getTask().getId());
        assertThat(Database.taskCount(tenant)).isEqualTo(1);
        assertThat(Database.taskCount(otherTenant)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRepeatsCreateExactlyOneTaskAndOneAdmitRow() throws Exception {
        // Moderation down: the one admit row stays in the outbox where it can be counted.
        ScriptedModerationService.outage(true);
        SubmitRequest request = request("order-3");
        List<Callable<SubmitResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> api.submitResponse(request));
        }
        List<SubmitResponse> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (Future<SubmitResponse> response : pool.invokeAll(calls)) {
                responses.add(response.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(responses).extracting(response -> response.getTask().getId()).containsOnly(
                responses.get(0).getTask().getId());
        assertThat(responses).filteredOn(response -> !response.getReplayed()).hasSize(1);
        assertThat(Database.taskCount(tenant)).isEqualTo(1);
        assertThat(Database.outboxCount(tenant, "admit")).isEqualTo(1);
        assertThat(AuditTrail.of(responses.get(0).getTask().getId())).hasSize(1);

        ScriptedModerationService.outage(false);
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().taskId()).isEqualTo(responses.get(0).getTask().getId());
        Database.awaitOutboxDrained();
        assertThat(broker.take(Lane.INTERACTIVE)).isNull();
    }

    @Test
    void keysOlderThanTheRetentionAreSweptAndTheKeyIsFreeAgain() throws Exception {
        SubmitResponse first = api.submitResponse(request("order-4"));
        Database.ageIdempotencyKey(tenant, "order-4", Duration.ofHours(25));

        await().atMost(Duration.ofSeconds(30)).until(() -> Database.idempotencyKeys(tenant) == 0);
        SubmitResponse again = api.submitResponse(request("order-4"));

        assertThat(again.getReplayed()).isFalse();
        assertThat(again.getTask().getId()).isNotEqualTo(first.getTask().getId());
    }

    private SubmitRequest request(String key) {
        return SubmitRequest.newBuilder().setTenant(tenant).setUser("alice").setPrompt("a lighthouse at dusk")
                .setIdempotencyKey(key).build();
    }
}
