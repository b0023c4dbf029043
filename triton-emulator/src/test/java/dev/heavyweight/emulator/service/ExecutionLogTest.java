package dev.heavyweight.emulator.service;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionLogTest {

    @Test
    void returnsWhatFinishedSinceTheGivenTimeInOrder() {
        ExecutionLog log = new ExecutionLog(10);
        log.add(execution("a", 100));
        log.add(execution("b", 200));
        log.add(execution("c", 300));

        ExecutionLog.Page page = log.since(200);

        assertThat(page.executions()).extracting(Execution::id).containsExactly("b", "c");
        assertThat(page.complete()).isTrue();
    }

    @Test
    void keepsOnlyTheNewestAndSaysWhenSomethingAskedForWasDropped() {
        ExecutionLog log = new ExecutionLog(2);
        log.add(execution("a", 100));
        log.add(execution("b", 200));
        log.add(execution("c", 300));

        assertThat(log.since(0).executions()).extracting(Execution::id).containsExactly("b", "c");
        assertThat(log.since(0).complete()).isFalse();
        assertThat(log.since(101).complete()).isTrue();
    }

    @Test
    void clearEmptiesTheLog() {
        ExecutionLog log = new ExecutionLog(1);
        log.add(execution("a", 100));
        log.add(execution("b", 200));

        log.clear();

        assertThat(log.since(0).executions()).isEmpty();
        assertThat(log.since(0).complete()).isTrue();
    }

    @Test
    void outcomeNamesOkCancelledAndStatuses() {
        assertThat(execution("a", 1).outcome()).isEqualTo("ok");
        assertThat(withCode(Status.Code.CANCELLED).outcome()).isEqualTo("cancelled");
        assertThat(withCode(Status.Code.RESOURCE_EXHAUSTED).outcome()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    private static Execution execution(String id, long finishedAtMs) {
        return new Execution(id, 0, "127.0.0.1:1", "stable_diffusion_1_5", finishedAtMs - 10, finishedAtMs - 5,
                finishedAtMs, Status.Code.OK, 5, 5000, 5000, null);
    }

    private static Execution withCode(Status.Code code) {
        return new Execution("x", 0, "127.0.0.1:1", "stable_diffusion_1_5", 1, null, 2, code, 5, 1000, 0, null);
    }
}
