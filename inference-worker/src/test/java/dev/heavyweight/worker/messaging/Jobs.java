package dev.heavyweight.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.models.ModelCatalog;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Jobs as task-service would publish them, and what tests read back from the running worker. */
final class Jobs {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TENANT = "acme";
    static final int MAX_ATTEMPTS = 3;

    private Jobs() {
    }

    /** A small first-attempt job with ten minutes to run. */
    static JobMessage job(Lane lane) {
        return job(lane, ModelCatalog.SD_1_5, "a small test image", "", 64, 64);
    }

    static JobMessage job(Lane lane, String model, String prompt, String negativePrompt, int width, int height) {
        long now = System.currentTimeMillis();
        return new JobMessage(JobMessage.SCHEMA, UUID.randomUUID().toString(), TENANT, 1, lane.routingKey(), 5, model,
                prompt, negativePrompt, width, height, 4, 1234, now, now + Duration.ofMinutes(10).toMillis(),
                MAX_ATTEMPTS);
    }

    static JobMessage attempt(JobMessage job, int attempt) {
        return new JobMessage(job.schema(), job.taskId(), job.tenant(), attempt, job.lane(), job.priority(), job.model(),
                job.prompt(), job.negativePrompt(), job.width(), job.height(), job.steps(), job.seed(),
                job.enqueuedAtMs(), job.deadlineMs(), job.maxAttempts());
    }

    static JobMessage deadline(JobMessage job, long deadlineMs) {
        return new JobMessage(job.schema(), job.taskId(), job.tenant(), job.attempt(), job.lane(), job.priority(),
                job.model(), job.prompt(), job.negativePrompt(), job.width(), job.height(), job.steps(), job.seed(),
                job.enqueuedAtMs(), deadlineMs, job.maxAttempts());
    }

    static String keyOf(JobMessage job) {
        return "tenants/" + job.tenant() + "/tasks/" + job.taskId() + ".png";
    }

    /** Waits for the task's terminal event and returns every event it got. */
    static List<TaskEventMessage> awaitFinalEvent(TestBroker broker, String taskId) {
        return await().atMost(PATIENCE).until(() -> broker.eventsFor(taskId),
                events -> !events.isEmpty() && !last(events).type().equals("task.started"));
    }

    static TaskEventMessage last(List<TaskEventMessage> events) {
        return events.get(events.size() - 1);
    }

    /** The value of one Prometheus series, e.g. {@code heavyweight_worker_waiting{lane="batch"}}; NaN when absent. */
    static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElse(Double.NaN);
    }

    static String jobs(Lane lane, String outcome) {
        return "heavyweight_worker_jobs_total{lane=\"" + lane.routingKey() + "\",outcome=\"" + outcome + "\"}";
    }

    static String gauge(String name, Lane lane) {
        return name + "{lane=\"" + lane.routingKey() + "\"}";
    }
}
