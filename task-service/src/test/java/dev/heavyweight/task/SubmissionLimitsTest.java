package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.contracts.limits.LimitTrailers;
import dev.heavyweight.contracts.task.RateLimit;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant limits on Submit against the real database: a token bucket (tenants on test tiers with tiny rates,
 * see application.properties) and a cap on unfinished tasks. Each fixed tenant is used by one test only.
 */
@QuarkusTest
class SubmissionLimitsTest extends TaskServiceFixture {

    @Test
    void aBurstAboveTheRateIsRefusedWithTheExactWaitAndOtherTenantsAreUnaffected() throws Exception {
        String trickle = "limits-trickle";
        for (int i = 0; i < 3; i++) {
            RateLimit bucket = api.submitResponse(request(trickle)).getRateLimit();
            assertThat(bucket.getLimit()).isEqualTo(3);
            assertThat(bucket.getRemaining()).isEqualTo(2 - i);
            assertThat(bucket.getRatePerSecond()).isEqualTo(0.5);
            assertThat(bucket.getResetMs()).isPositive().isLessThanOrEqualTo(6_000);
        }

        StatusRuntimeException refused = refused(() -> api.submit(request(trickle).toBuilder()
                .setIdempotencyKey("after-the-wait").build()));

        assertThat(refused.getStatus().getDescription()).contains("rate of 0.5 submissions per second (burst 3)");
        assertThat(trailer(refused, LimitTrailers.LIMIT)).isEqualTo(LimitTrailers.RATE);
        assertThat(trailer(refused, LimitTrailers.LIMIT_VALUE)).isEqualTo("3");
        assertThat(trailer(refused, LimitTrailers.REMAINING)).isEqualTo("0");
        assertThat(Double.parseDouble(trailer(refused, LimitTrailers.RATE_PER_SECOND))).isEqualTo(0.5);
        long retryAfterMs = Long.parseLong(trailer(refused, LimitTrailers.RETRY_AFTER_MS));
        assertThat(retryAfterMs).isBetween(1L, 2_000L);
        assertThat(Long.parseLong(trailer(refused, LimitTrailers.RESET_MS))).isBetween(retryAfterMs + 3_999, 6_000L);
        assertThat(api.submitResponse(request(tenant)).getRateLimit().getLimit()).isEqualTo(40);

        // As advertised: after Retry-After one token is there, and the refused key was never used.
        Thread.sleep(retryAfterMs);
        SubmitResponse later = api.submitResponse(request(trickle).toBuilder().setIdempotencyKey("after-the-wait").build());
        assertThat(later.getReplayed()).isFalse();
        assertThat(later.getRateLimit().getRemaining()).isZero();
    }

    @Test
    void concurrentSubmissionsOfOneTenantTakeExactlyTheBurst() throws Exception {
        List<Callable<Task>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> api.submit(request("limits-tight")));
        }
        int accepted = 0;
        int limited = 0;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (Future<Task> call : pool.invokeAll(calls)) {
                try {
                    call.get();
                    accepted++;
                } catch (java.util.concurrent.ExecutionException e) {
                    StatusRuntimeException status = (StatusRuntimeException) e.getCause();
                    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(trailer(status, LimitTrailers.LIMIT)).isEqualTo(LimitTrailers.RATE);
                    limited++;
                }
            }
        } finally {
            pool.shutdown();
        }

        assertThat(accepted).isEqualTo(5);
        assertThat(limited).isEqualTo(15);
        assertThat(Database.taskCount("limits-tight")).isEqualTo(5);
    }

    @Test
    void theCapOnUnfinishedTasksRefusesUntilOneEnds() throws Exception {
        String capped = "limits-capped";
        Task first = api.submit(request(capped));
        api.submit(request(capped));

        StatusRuntimeException refused = refused(() -> api.submit(request(capped)));

        assertThat(refused.getStatus().getDescription()).contains("2 unfinished tasks");
        assertThat(trailer(refused, LimitTrailers.LIMIT)).isEqualTo(LimitTrailers.UNFINISHED);
        assertThat(trailer(refused, LimitTrailers.LIMIT_VALUE)).isEqualTo("2");
        assertThat(trailer(refused, LimitTrailers.REMAINING)).isEqualTo("0");
        assertThat(trailer(refused, LimitTrailers.RETRY_AFTER_MS)).isEqualTo("5000");
        assertThat(trailer(refused, LimitTrailers.RESET_MS)).isNull();
        assertThat(Database.taskCount(capped)).isEqualTo(2);

        api.cancel(capped, first.getId());

        assertThat(api.submit(request(capped)).getTenant()).isEqualTo(capped);
    }

    private static SubmitRequest request(String tenant) {
        return SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse").build();
    }

    private static StatusRuntimeException refused(Runnable call) {
        StatusRuntimeException[] caught = new StatusRuntimeException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            caught[0] = e;
        });
        return caught[0];
    }

    private static String trailer(StatusRuntimeException e, String key) {
        return e.getTrailers().get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
}
