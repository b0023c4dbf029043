package dev.heavyweight.task;

import static dev.heavyweight.task.WorkerEvents.event;
import static dev.heavyweight.task.WorkerEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A succeeded task moves the per-lane, per-model signals: images and GPU time by node class, the stage histogram's
 * buckets; its first download (not the second) counts it accepted; a rating moves CSAT's count and sum.
 */
@QuarkusTest
class QualitySignalsTest extends TaskServiceFixture {

    private static final String MODEL = "model", SD15 = "stable_diffusion_1_5", LANE = "lane";

    @Test
    void downloadsAndRatingsMoveTaskSuccessAndCsat() throws Exception {
        double accepted = Metrics.value("heavyweight_task_accepted_total", LANE, "interactive", MODEL, SD15);
        double ratings = Metrics.value("heavyweight_task_rating_count", LANE, "interactive", MODEL, SD15);
        double ratingSum = Metrics.value("heavyweight_task_rating_sum", LANE, "interactive", MODEL, SD15);
        double images = Metrics.value("heavyweight_images_total", MODEL, SD15, "node_class", "a100");
        double gpu = Metrics.value("heavyweight_task_gpu_seconds_total", MODEL, SD15, "node_class", "a100");
        double slowBucket = Metrics.value("heavyweight_task_stage_seconds_bucket", "stage", "inference", LANE, "interactive",
                MODEL, SD15, "le", "1.0");
        double fitBucket = Metrics.value("heavyweight_task_stage_seconds_bucket", "stage", "inference", LANE, "interactive",
                MODEL, SD15, "le", "2.5");

        Task task = succeededTask();
        assertThat(Metrics.value("heavyweight_images_total", MODEL, SD15, "node_class", "a100")).isEqualTo(images + 1);
        assertThat(Metrics.value("heavyweight_task_gpu_seconds_total", MODEL, SD15, "node_class", "a100"))
                .isCloseTo(gpu + 1.1, org.assertj.core.api.Assertions.within(1e-9));
        // Inference took 1.2 s: counted in the 2.5 s bucket, not in the 1 s one.
        assertThat(Metrics.value("heavyweight_task_stage_seconds_bucket", "stage", "inference", LANE, "interactive",
                MODEL, SD15, "le", "1.0")).isEqualTo(slowBucket);
        assertThat(Metrics.value("heavyweight_task_stage_seconds_bucket", "stage", "inference", LANE, "interactive",
                MODEL, SD15, "le", "2.5")).isEqualTo(fitBucket + 1);

        api.download(tenant, task.getId(), "alice", "redirect");
        api.download(tenant, task.getId(), "bob", "stream");
        assertThat(Metrics.value("heavyweight_task_accepted_total", LANE, "interactive", MODEL, SD15))
                .as("accepted once, at the first download").isEqualTo(accepted + 1);
        try (var db = Database.connect(); var query = db.prepareStatement("SELECT accepted_at FROM tasks WHERE id = ?")) {
            query.setObject(1, java.util.UUID.fromString(task.getId()));
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getTimestamp(1)).isNotNull();
            }
        }

        api.feedback(FeedbackRequest.newBuilder().setTenant(tenant).setId(task.getId()).setUser("alice").setRating(4).build());
        assertThat(Metrics.value("heavyweight_task_rating_count", LANE, "interactive", MODEL, SD15)).isEqualTo(ratings + 1);
        assertThat(Metrics.value("heavyweight_task_rating_sum", LANE, "interactive", MODEL, SD15)).isEqualTo(ratingSum + 4);
    }

    @Test
    void acceptingFeedbackCountsASucceededTaskButNotAFailedOne() throws Exception {
        double accepted = Metrics.value("heavyweight_task_accepted_total", LANE, "interactive", MODEL, SD15);
        Task task = succeededTask();
        api.feedback(FeedbackRequest.newBuilder().setTenant(tenant).setId(task.getId()).setUser("carol").setAccepted(true).build());
        assertThat(Metrics.value("heavyweight_task_accepted_total", LANE, "interactive", MODEL, SD15)).isEqualTo(accepted + 1);

        Task failing = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a quiet pond").build());
        broker.awaitJob(dev.heavyweight.contracts.messages.Lane.INTERACTIVE);
        broker.publish(WorkerEvents.failed(failing, 1, "bad_model_output", "no image", false));
        api.awaitState(failing, TaskState.TASK_STATE_FAILED);
        api.download(tenant, failing.getId(), "carol", "redirect");
        api.feedback(FeedbackRequest.newBuilder().setTenant(tenant).setId(failing.getId()).setUser("carol").setAccepted(true).build());
        assertThat(Metrics.value("heavyweight_task_accepted_total", LANE, "interactive", MODEL, SD15)).isEqualTo(accepted + 1);
        assertThat(Metrics.value("heavyweight_task_errors_total", "stage", "inference", "reason", "bad_model_output",
                LANE, "interactive", MODEL, SD15)).isPositive();
    }

    private Task succeededTask() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse at dusk")
                .setLane(Lane.LANE_INTERACTIVE).build());
        broker.awaitJob(dev.heavyweight.contracts.messages.Lane.INTERACTIVE);
        broker.publish(event(task, TaskEventType.STARTED, 1, task.getQueuedAtMs() + 1_000));
        api.awaitState(task, TaskState.TASK_STATE_RUNNING);
        broker.publish(succeeded(task, 1, "tenants/" + tenant + "/tasks/" + task.getId() + ".png"));
        return api.awaitState(task, TaskState.TASK_STATE_SUCCEEDED);
    }
}
