package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker, the database and moderation-service go away under a running platform; the services
 * recover by themselves (no process is restarted) and no accepted task is lost.
 */
class InfrastructureOutageIT {

    private static Platform platform;
    private static Runs runs;

    @BeforeAll
    static void start() {
        platform = Platform.builder("outages")
                .nodes(2)
                .stepTime(Duration.ofMillis(1))
                .config("inference-worker", "heavyweight.worker.slots", "4")
                .config("inference-worker", "heavyweight.worker.batch.max-slots", "2")
                .start();
        runs = new Runs(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void rabbitMqRestartedDuringARunOfHundredsOfTasksLosesNone() throws Exception {
        Map<String, Long> pids = pids();
        int before = succeeded();
        CompletableFuture<List<String>> flood = CompletableFuture.supplyAsync(() -> submit(300, "a koi pond"));
        await().atMost(Duration.ofMinutes(2)).until(() -> succeeded() >= before + 50);

        Infrastructure.stopRabbitMq();
        List<String> whileDown;
        try {
            // The broker is gone: submissions are still accepted (the outbox keeps them).
            whileDown = runs.submit(20, "interactive", "submitted while the broker is down", 5);
        } finally {
            Infrastructure.startRabbitMq();
        }

        List<String> ids = new ArrayList<>(flood.get());
        ids.addAll(whileDown);
        runs.assertEachSucceededExactlyOnce(runs.awaitAllFinal(ids, Duration.ofMinutes(5)));
        assertThat(pids()).as("no service was restarted").isEqualTo(pids);
    }

    @Test
    void postgresRestartedDuringARunEveryTaskStillEnds() throws Exception {
        Map<String, Long> pids = pids();
        int before = succeeded();
        List<String> ids = runs.submit(100, "batch", "a wheat field", 5);
        await().atMost(Duration.ofMinutes(2)).until(() -> succeeded() >= before + 20);

        Infrastructure.restartPostgres();

        Map<String, JsonNode> finals = runs.awaitAllFinal(ids, Duration.ofMinutes(4));
        assertThat(finals).hasSize(ids.size());
        runs.assertEachSucceededExactlyOnce(finals);
        assertThat(pids()).as("no service was restarted").isEqualTo(pids);
    }

    @Test
    void moderationOutageHoldsTasksAcceptedUntilItReturns() throws Exception {
        String tasks = platform.httpUrl(Platform.TASKS);
        double refusedBefore = Metrics.sum(tasks, "heavyweight_outbox_attempts_total", "kind=\"admit\"", "outcome=\"failed\"");
        platform.process(Platform.MODERATION).stop(Duration.ofSeconds(15));
        List<String> ids;
        try {
            ids = runs.submit(5, "interactive", "a quiet library", 5);
            // The relay keeps trying (fail closed) and nothing reaches a worker meanwhile.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Metrics.sum(tasks, "heavyweight_outbox_attempts_total", "kind=\"admit\"", "outcome=\"failed\"")
                            >= refusedBefore + 2 * ids.size());
            for (String id : ids) {
                JsonNode status = runs.gateway().status(id);
                assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("accepted");
                assertThat(status.get("started_at").isNull()).isTrue();
            }
        } finally {
            platform.restart(Platform.MODERATION);
        }
        runs.assertEachSucceededExactlyOnce(runs.awaitAllFinal(ids, Duration.ofMinutes(2)));
    }

    private static List<String> submit(int count, String prompt) {
        try {
            return runs.submit(count, "interactive", prompt, 5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int succeeded() throws Exception {
        return runs.tasksByState().getOrDefault("SUCCEEDED", 0);
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        for (String name : List.of(Platform.TASKS, Platform.worker(1), Platform.GATEWAY, Platform.BALANCER)) {
            pids.put(name, platform.process(name).pid());
        }
        return pids;
    }
}
