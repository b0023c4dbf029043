package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An interactive user never waits behind a bulk job. */
class PriorityIT {

    private static final int BATCH_SLOTS = 2;
    private static Platform platform;
    private static Runs runs;

    @BeforeAll
    static void start() {
        // Two GPUs, and a worker that lets batch work take both of them (but never its third slot).
        platform = Platform.builder("priority")
                .nodes(2)
                .stepTime(Duration.ofMillis(20))
                .config("inference-worker", "heavyweight.worker.slots", "3")
                .config("inference-worker", "heavyweight.worker.batch.max-slots", String.valueOf(BATCH_SLOTS))
                .start();
        runs = new Runs(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void interactiveTasksSubmittedDuringABatchFloodStartBeforeTheBatchBacklog() throws Exception {
        List<String> batch = runs.submit(24, "batch", "a field of sunflowers", 20);
        await().atMost(Duration.ofSeconds(60)).until(() -> countInState(batch, "running") >= 1);
        List<String> backlog = new ArrayList<>();
        for (String id : batch) {
            if (runs.gateway().status(id).get("state").asText().equals("queued")) {
                backlog.add(id);
            }
        }
        assertThat(backlog).as("batch tasks still queued behind the busy GPUs").hasSizeGreaterThan(10);

        List<String> interactive = runs.submit(3, "interactive", "a portrait of a cat", 20);

        List<String> all = new ArrayList<>(batch);
        all.addAll(interactive);
        Map<String, JsonNode> finals = runs.awaitAllFinal(all, Duration.ofMinutes(3));
        runs.assertEachSucceededExactlyOnce(finals);

        Instant lastInteractiveStart = interactive.stream()
                .map(id -> Runs.instant(finals.get(id), "started_at")).max(Instant::compareTo).orElseThrow();
        long backlogStartedLater = backlog.stream()
                .filter(id -> Runs.instant(finals.get(id), "started_at").isAfter(lastInteractiveStart))
                .count();
        // While the interactive tasks were being submitted and picked up, each batch slot may have taken
        // one or two more batch tasks from the backlog; everything else in it must have waited for them.
        assertThat(backlogStartedLater)
                .as("backlog batch tasks that started after the last interactive task (of %d)", backlog.size())
                .isGreaterThanOrEqualTo(backlog.size() - 2L * BATCH_SLOTS);
    }

    private static long countInState(List<String> ids, String state) {
        return ids.stream().filter(id -> runs.gateway().status(id).get("state").asText().equals(state)).count();
    }
}
