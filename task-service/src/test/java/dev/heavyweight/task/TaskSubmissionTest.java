package dev.heavyweight.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.task.RateLimit;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.WebhookDelivery;
import dev.heavyweight.contracts.task.TaskState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Submit, Get and Cancel through gRPC, against the real PostgreSQL and RabbitMQ. */
@QuarkusTest
class TaskSubmissionTest extends TaskServiceFixture {

    @Test
    void submitAnswersAcceptedAtOnceAndTheRelayQueuesExactlyOneInteractiveJob() throws Exception {
        double submittedBefore = Metrics.value("heavyweight_tasks_submitted_total", "lane", "interactive");

        Task accepted = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse at dusk").build());

        assertThat(accepted.getState()).isEqualTo(TaskState.TASK_STATE_ACCEPTED);
        assertThat(accepted.getReason()).isEmpty();
        assertThat(accepted.getModel()).isEqualTo(ModelCatalog.DEFAULT_MODEL);
        assertThat(accepted.getWidth()).isEqualTo(512);
        assertThat(accepted.getHeight()).isEqualTo(512);
        assertThat(accepted.getSteps()).isEqualTo(50);
        assertThat(accepted.getSeed()).isBetween(0L, (1L << 53) - 1);
        assertThat(accepted.getLane()).isEqualTo(dev.heavyweight.contracts.task.Lane.LANE_INTERACTIVE);
        assertThat(accepted.getAttempt()).isZero();
        assertThat(accepted.getQueuedAtMs()).isZero();

        Task task = api.awaitState(accepted, TaskState.TASK_STATE_QUEUED);
        assertThat(task.getAttempt()).isEqualTo(1);
        assertThat(task.getQueuedAtMs()).isGreaterThanOrEqualTo(task.getCreatedAtMs()).isPositive();
        assertThat(task.getTimings().getModerationMs()).isEqualTo(task.getQueuedAtMs() - task.getCreatedAtMs());

        Broker.Job job = broker.awaitJob(Lane.INTERACTIVE);
        assertThat(job.message()).isEqualTo(new JobMessage(JobMessage.SCHEMA, task.getId(), tenant, 1, "interactive", 5,
                ModelCatalog.DEFAULT_MODEL, "a lighthouse at dusk", "", 512, 512, 50, task.getSeed(),
                job.message().enqueuedAtMs(), task.getCreatedAtMs() + Duration.ofHours(1).toMillis(), 3));
        assertThat(job.message().enqueuedAtMs()).isGreaterThanOrEqualTo(task.getQueuedAtMs());
        assertThat(job.properties().getPriority()).isEqualTo(5);
        assertThat(job.properties().getDeliveryMode()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.outbox(task.getId()).isEmpty());
        assertThat(broker.take(Lane.INTERACTIVE)).isNull();
        assertThat(broker.ready(Lane.BATCH)).isZero();

        assertThat(AuditTrail.of(task.getId())).containsExactly(
                new AuditTrail.Row(null, "ACCEPTED", 0, "api", "submitted", null),
                new AuditTrail.Row("ACCEPTED", "QUEUED", 1, "moderation", "prompt.allowed", null));
        assertThat(Metrics.value("heavyweight_tasks_submitted_total", "lane", "interactive"))
                .isEqualTo(submittedBefore + 1);
        assertThat(Metrics.value("heavyweight_task_stage_seconds_count", "stage", "moderation")).isPositive();
    }

    @Test
    void batchSubmissionKeepsItsParametersAndGoesToTheBatchLane() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder()
                .setTenant(tenant)
                .setPrompt("a city of glass")
                .setNegativePrompt("blurry")
                .setModel(ModelCatalog.SD_XL)
                .setWidth(768)
                .setHeight(1536)
                .setSteps(20)
                .setSeed(42)
                .setLane(dev.heavyweight.contracts.task.Lane.LANE_BATCH)
                .build());

        assertThat(task.getLane()).isEqualTo(dev.heavyweight.contracts.task.Lane.LANE_BATCH);
        JobMessage job = broker.awaitJob(Lane.BATCH).message();
        assertThat(job.taskId()).isEqualTo(task.getId());
        assertThat(job.lane()).isEqualTo("batch");
        assertThat(job.model()).isEqualTo(ModelCatalog.SD_XL);
        assertThat(job.negativePrompt()).isEqualTo("blurry");
        assertThat(job.width()).isEqualTo(768);
        assertThat(job.height()).isEqualTo(1536);
        assertThat(job.steps()).isEqualTo(20);
        assertThat(job.seed()).isEqualTo(42);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(broker.take(Lane.BATCH)).isNull();
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
    }

    @Test
    void blockedPromptIsRejectedAndNeverEnqueued() throws Exception {
        double rejectedBefore = Metrics.value("heavyweight_tasks_finished_total", "state", "rejected");
        double blockedBefore = Metrics.outboxAttempts("admit", "blocked");

        Task accepted = api.submit(SubmitRequest.newBuilder()
                .setTenant(tenant).setPrompt("a " + ScriptedModerationService.BLOCKED_WORD + " scene").build());
        Task task = api.awaitState(accepted, TaskState.TASK_STATE_REJECTED);

        assertThat(task.getReason()).isEqualTo("prompt_blocked");
        assertThat(task.getReasonDetail()).isEqualTo(ScriptedModerationService.DETAIL);
        assertThat(task.getModerationCategoriesList()).containsExactly(ScriptedModerationService.CATEGORY);
        assertThat(task.getModeration().getStage()).isEqualTo("prompt");
        assertThat(task.getModeration().getEngine()).isEqualTo("lexicon");
        assertThat(task.getModeration().getTopicsList())
                .extracting(t -> t.getTopic(), t -> t.getAssessed(), t -> t.getScore(), t -> t.getThreshold(), t -> t.getFlagged(),
                        t -> t.getEngine())
                .containsExactly(tuple(ScriptedModerationService.CATEGORY, true, 1.0, 0.5, true, "lexicon"),
                        tuple("sexual", true, 0.0, 0.5, false, "lexicon"));
        assertThat(task.getFinishedAtMs()).isGreaterThanOrEqualTo(task.getCreatedAtMs()).isPositive();
        assertThat(task.getAttempt()).isZero();
        assertThat(Database.outbox(task.getId())).isEmpty();
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
        assertThat(broker.ready(Lane.BATCH)).isZero();
        assertThat(AuditTrail.of(task.getId())).containsExactly(
                new AuditTrail.Row(null, "ACCEPTED", 0, "api", "submitted", null),
                new AuditTrail.Row("ACCEPTED", "REJECTED", 0, "moderation", "prompt.blocked", "prompt_blocked"));
        assertThat(Metrics.value("heavyweight_tasks_finished_total", "state", "rejected")).isEqualTo(rejectedBefore + 1);
        assertThat(Metrics.outboxAttempts("admit", "blocked")).isEqualTo(blockedBefore + 1);
        // The listing carries the decision too (a native query once failed the whole page on the jsonb column).
        var listed = api.list(dev.heavyweight.contracts.task.ListRequest.newBuilder().setTenant(tenant).build());
        assertThat(listed.getTasksList()).extracting(Task::getId).containsExactly(task.getId());
        assertThat(listed.getTasks(0).getModeration().getEngine()).isEqualTo("lexicon");
    }

    @Test
    void promptNoEngineCouldJudgeIsRejectedWithTheVerdictsReason() throws Exception {
        Task accepted = api.submit(SubmitRequest.newBuilder()
                .setTenant(tenant).setPrompt("an " + ScriptedModerationService.UNJUDGEABLE_WORD + " prompt").build());
        Task task = api.awaitState(accepted, TaskState.TASK_STATE_REJECTED);

        assertThat(task.getReason()).isEqualTo("prompt_unassessed");
        assertThat(task.getReasonDetail()).isEqualTo(ScriptedModerationService.UNASSESSED_DETAIL);
        assertThat(task.getModeration().getEngine()).isEqualTo("policy");
        assertThat(task.getModeration().getTopics(0).getAssessed()).isFalse();
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
        assertThat(AuditTrail.of(task.getId())).extracting(AuditTrail.Row::reason).containsExactly(null, "prompt_unassessed");
    }

    @Test
    void allowedPromptCarriesNoModerationDecision() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a comet over the sea").build());

        assertThat(task.hasModeration()).isFalse();
        assertThat(api.get(tenant, task.getId()).hasModeration()).isFalse();
    }

    @Test
    void tenantTierSetsThePriorityOfTheJob() throws Exception {
        Task pro = api.submitQueued(SubmitRequest.newBuilder().setTenant("acme-pro").setPrompt("a comet").build());
        assertThat(broker.awaitJob(Lane.INTERACTIVE).properties().getPriority()).isEqualTo(8);
        Task free = api.submitQueued(SubmitRequest.newBuilder().setTenant("acme-free").setPrompt("a comet").build());
        Broker.Job freeJob = broker.awaitJob(Lane.INTERACTIVE);

        assertThat(freeJob.message().taskId()).isEqualTo(free.getId());
        assertThat(freeJob.message().priority()).isEqualTo(2);
        assertThat(freeJob.properties().getPriority()).isEqualTo(2);
        assertThat(pro.getTenant()).isEqualTo("acme-pro");
    }

    static Stream<Arguments> invalidSubmissions() {
        return Stream.of(
                invalid("tenant: ", b -> b.setTenant("")),
                invalid("prompt: ", b -> b.setPrompt("   ")),
                invalid("prompt: must be at most 2000 characters", b -> b.setPrompt("x".repeat(2001))),
                invalid("negative_prompt: must be at most 2000 characters", b -> b.setNegativePrompt("x".repeat(2001))),
                invalid("model: unknown model 'dall-e'", b -> b.setModel("dall-e")),
                invalid("width: must be a multiple of 64 between 256 and 1024", b -> b.setWidth(500)),
                invalid("height: must be a multiple of 64 between 256 and 1024", b -> b.setHeight(2048)),
                invalid("width: must be a multiple of 64 between 512 and 1536",
                        b -> b.setModel(ModelCatalog.SD_XL).setWidth(256)),
                invalid("steps: must be between 1 and 100", b -> b.setSteps(101)),
                invalid("seed: ", b -> b.setSeed(-1)),
                invalid("lane: ", b -> b.setLaneValue(7)),
                invalid("prompt: must not contain control characters", b -> b.setPrompt("a cat\u0000 on a mat")),
                invalid("negative_prompt: must not contain control characters", b -> b.setNegativePrompt("dark\u001b")),
                invalid("user: must not contain control characters", b -> b.setUser("alice\u0000")),
                invalid("idempotency_key: must be at most 255 characters", b -> b.setIdempotencyKey("k".repeat(256))),
                invalid("webhook_url: must be an absolute http or https URL", b -> b.setWebhookUrl("ftp://example.com/x")),
                invalid("webhook_url: host 10.1.2.3 resolves to 10.1.2.3, a private", b -> b.setWebhookUrl("http://10.1.2.3/x")),
                invalid("webhook_url: host 192.168.0.10 resolves to", b -> b.setWebhookUrl("https://192.168.0.10/x")),
                invalid("webhook_url: host 100.64.1.1 resolves to", b -> b.setWebhookUrl("https://100.64.1.1/x")),
                invalid("webhook_url: host 169.254.169.254 resolves to 169.254.169.254, a link-local",
                        b -> b.setWebhookUrl("http://169.254.169.254/latest/meta-data")),
                invalid("webhook_url: host 127.0.0.2 resolves to 127.0.0.2, a loopback",
                        b -> b.setWebhookUrl("http://127.0.0.2:8080/hook")),
                invalid("webhook_url: host ::1 resolves to", b -> b.setWebhookUrl("http://[::1]:8080/hook")),
                invalid("webhook_url: host fc00::1 resolves to", b -> b.setWebhookUrl("http://[fc00::1]/hook")));
    }

    private static Arguments invalid(String message, UnaryOperator<SubmitRequest.Builder> change) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubmissions")
    void invalidFieldsAreRefusedNamingTheField(String message, UnaryOperator<SubmitRequest.Builder> change)
            throws Exception {
        SubmitRequest request = change.apply(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a cat")).build();

        assertThatThrownBy(() -> api.submit(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith(message);
                });
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
    }

    @Test
    void submitStoresTheCallerTheEndUserAndAnAllowListedWebhookAndReportsTheBucket() {
        SubmitResponse response = api.submitResponse(SubmitRequest.newBuilder()
                .setTenant(tenant)
                .setUser("alice")
                .setEndUser("player-7")
                .setPrompt("a cat")
                .setWebhookUrl("http://127.0.0.1:9/hooks/done")
                .build());

        Task task = response.getTask();
        assertThat(response.getReplayed()).isFalse();
        assertThat(task.getUser()).isEqualTo("alice");
        assertThat(task.getEndUser()).isEqualTo("player-7");
        assertThat(task.getWebhook()).isEqualTo(WebhookDelivery.newBuilder()
                .setUrl("http://127.0.0.1:9/hooks/done").setState("pending").build());
        assertThat(response.getRateLimit()).isEqualTo(RateLimit.newBuilder()
                .setLimit(40).setRemaining(39).setResetMs(100).setRatePerSecond(10).build());
        assertThat(api.get(tenant, task.getId()).getWebhook()).isEqualTo(task.getWebhook());
        Task plain = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a dog").build());
        assertThat(plain.hasWebhook()).isFalse();
        assertThat(plain.getUser()).isEmpty();
    }

    @Test
    void unknownMalformedAndForeignTasksAreNotFound() {
        Task task = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a quiet harbour").build());

        assertNotFound(() -> api.get(tenant, UUID.randomUUID().toString()));
        assertNotFound(() -> api.get(tenant, "not-a-task-id"));
        assertNotFound(() -> api.get(tenant, ""));
        assertNotFound(() -> api.get("someone-else", task.getId()));
        assertThat(api.get(tenant, task.getId()).getId()).isEqualTo(task.getId());
    }

    @Test
    void cancelEndsALiveTaskAndIsRefusedOnceItEnded() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a red kite").build());
        broker.awaitJob(Lane.INTERACTIVE);
        assertNotFound(() -> api.cancel("someone-else", task.getId()));
        assertNotFound(() -> api.cancel(tenant, UUID.randomUUID().toString()));

        Task cancelled = api.cancel(tenant, task.getId());

        assertThat(cancelled.getState()).isEqualTo(TaskState.TASK_STATE_CANCELLED);
        assertThat(cancelled.getReason()).isEqualTo("cancelled");
        assertThat(cancelled.getFinishedAtMs()).isPositive();
        assertThat(api.get(tenant, task.getId())).isEqualTo(cancelled);
        assertThatThrownBy(() -> api.cancel(tenant, task.getId()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("task already cancelled");
                });
        assertThat(AuditTrail.of(task.getId())).last()
                .isEqualTo(new AuditTrail.Row("QUEUED", "CANCELLED", 1, "api", "cancel", "cancelled"));
    }

    @Test
    void readinessChecksDatabaseAndBroker() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("rabbitmq"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
