package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.testsupport.ServiceProcess;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workers die (SIGKILL) or are stopped for a rolling update (SIGTERM) in the middle of inference. */
class WorkerCrashIT {

    private static final int SLOTS = 2;

    private static Platform platform;
    private static Runs runs;

    @BeforeAll
    static void start() {
        platform = Platform.builder("worker-crash")
                .nodes(2)
                .workers(2)
                .stepTime(Duration.ofMillis(20))
                .config("inference-worker", "heavyweight.worker.slots", String.valueOf(SLOTS))
                .config("inference-worker", "heavyweight.worker.shutdown-grace", "2s")
                .start();
        runs = new Runs(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void workerKilledDuringInferenceAgainAndAgainLosesNothingAndRepeatsNoResult() throws Exception {
        String victim = Platform.worker(1);
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // Fresh work each round: while the victim restarted, the other worker may have finished the rest.
            ids.addAll(runs.submit(12, "interactive", "a lighthouse in a storm, round " + round, 20));
            awaitInference(victim);
            platform.process(victim).kill();
            platform.restart(victim);
        }
        // Each kill may catch a slot between its node's answer and the job's ack: that job runs again.
        runs.assertEachSucceededExactlyOnce(runs.awaitAllFinal(ids, Duration.ofMinutes(4)), 3 * SLOTS);
    }

    @Test
    void workerStoppedMidRunFinishesOrHandsBackEveryJob() throws Exception {
        String leaving = Platform.worker(2);
        List<String> ids = runs.submit(20, "batch", "a glacier at noon", 20);
        awaitInference(leaving);
        ServiceProcess process = platform.process(leaving);
        process.stop(Duration.ofSeconds(30));
        assertThat(process.isAlive()).isFalse();
        try {
            // A job whose grace ran out after its node answered is handed back and runs again.
            runs.assertEachSucceededExactlyOnce(runs.awaitAllFinal(ids, Duration.ofMinutes(4)), SLOTS);
        } finally {
            platform.restart(leaving);
        }
    }

    /** Waits until the worker has a job on the GPU. */
    private static void awaitInference(String worker) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Metrics.sum(platform.httpUrl(worker), "heavyweight_worker_inflight") > 0);
    }
}
