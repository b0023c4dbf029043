package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskEvent;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.Tenant;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** List, ListEvents, PutFeedback, RecordDownload and GetTenant against the real database. */
@QuarkusTest
class TaskReadsTest extends TaskServiceFixture {

    @Test
    void listPagesThroughTheTenantsTasksNewestFirstWithAnOpaqueCursor() {
        List<Task> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(api.submit(request("picture " + i)));
        }
        api.submit(SubmitRequest.newBuilder().setTenant(tenant + "-other").setPrompt("not theirs").build());

        List<Task> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = "";
        do {
            ListResponse page = api.list(ListRequest.newBuilder().setTenant(tenant).setLimit(2).setCursor(cursor).build());
            pageSizes.add(page.getTasksCount());
            seen.addAll(page.getTasksList());
            cursor = page.getNextCursor();
        } while (!cursor.isEmpty());

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).extracting(Task::getId)
                .containsExactlyInAnyOrderElementsOf(submitted.stream().map(Task::getId).toList());
        assertThat(seen).isSortedAccordingTo(Comparator.comparingLong(Task::getCreatedAtMs).reversed());
        assertThat(api.list(ListRequest.newBuilder().setTenant(tenant).build()).getTasksCount()).isEqualTo(5);
    }

    @Test
    void listFiltersByStateAndLane() {
        Task cancelled = api.submit(request("to cancel"));
        api.cancel(tenant, cancelled.getId());
        Task batch = api.submit(request("a batch one").toBuilder().setLane(Lane.LANE_BATCH).build());
        api.submit(request("an interactive one"));

        ListResponse ended = api.list(ListRequest.newBuilder().setTenant(tenant)
                .setState(TaskState.TASK_STATE_CANCELLED).build());
        ListResponse batchLane = api.list(ListRequest.newBuilder().setTenant(tenant).setLane(Lane.LANE_BATCH).build());

        assertThat(ended.getTasksList()).extracting(Task::getId).containsExactly(cancelled.getId());
        assertThat(ended.getNextCursor()).isEmpty();
        assertThat(batchLane.getTasksList()).extracting(Task::getId).containsExactly(batch.getId());
    }

    @Test
    void listRefusesABadCursorOrLimitNamingIt() {
        assertInvalid(() -> api.list(ListRequest.newBuilder().setTenant(tenant).setCursor("garbage").build()), "cursor: ");
        assertInvalid(() -> api.list(ListRequest.newBuilder().setTenant(tenant).setLimit(101).build()),
                "limit: must be between 1 and 100");
        assertInvalid(() -> api.list(ListRequest.newBuilder().setTenant(tenant).setLimit(-1).build()), "limit: ");
        assertInvalid(() -> api.list(ListRequest.newBuilder().setTenant(tenant).setStateValue(42).build()), "state: ");
    }

    @Test
    void listEventsGivesTheChangesAfterAnEventOldestFirstWithTheTaskAsItIsNow() throws Exception {
        Task task = api.submitQueued(request("a lighthouse"));
        broker.publish(WorkerEvents.event(task, TaskEventType.STARTED, 1, task.getQueuedAtMs() + 1_000));
        broker.publish(WorkerEvents.succeeded(task, 1, "tenants/" + tenant + "/tasks/" + task.getId() + ".png"));
        api.awaitState(task, TaskState.TASK_STATE_SUCCEEDED);

        ListEventsResponse all = api.events(tenant, task.getId(), 0);

        assertThat(all.getTask().getState()).isEqualTo(TaskState.TASK_STATE_SUCCEEDED);
        assertThat(all.getEventsList()).extracting(TaskEvent::getFromState, TaskEvent::getState, TaskEvent::getAttempt)
                .containsExactly(
                        tuple(TaskState.TASK_STATE_UNSPECIFIED, TaskState.TASK_STATE_ACCEPTED, 0),
                        tuple(TaskState.TASK_STATE_ACCEPTED, TaskState.TASK_STATE_QUEUED, 1),
                        tuple(TaskState.TASK_STATE_QUEUED, TaskState.TASK_STATE_RUNNING, 1),
                        tuple(TaskState.TASK_STATE_RUNNING, TaskState.TASK_STATE_SUCCEEDED, 1));
        assertThat(all.getEventsList()).extracting(TaskEvent::getId).isSorted().doesNotHaveDuplicates();
        assertThat(all.getEvents(2).getOccurredAtMs()).isEqualTo(task.getQueuedAtMs() + 1_000);
        assertThat(all.getEvents(0).getOccurredAtMs()).isEqualTo(task.getCreatedAtMs());

        ListEventsResponse rest = api.events(tenant, task.getId(), all.getEvents(1).getId());
        assertThat(rest.getEventsList()).isEqualTo(all.getEventsList().subList(2, 4));
        assertThat(api.events(tenant, task.getId(), all.getEvents(3).getId()).getEventsList()).isEmpty();
        assertNotFound(() -> api.events(tenant + "-other", task.getId(), 0));
        assertInvalid(() -> api.events(tenant, task.getId(), -1), "after_event_id: ");
    }

    @Test
    void feedbackIsOnePerUserAndTaskAndTheLastOneWins() throws Exception {
        Task task = api.submit(request("a cat"));

        Feedback first = api.feedback(feedback(task, "alice").setRating(4).setComment("nice\nbut blurry").build());
        Feedback second = api.feedback(feedback(task, "alice").setAccepted(true).build());
        Feedback bobs = api.feedback(feedback(task, "bob").setAccepted(false).setRating(1).build());

        assertThat(first.getRating()).isEqualTo(4);
        assertThat(first.getComment()).isEqualTo("nice\nbut blurry");
        assertThat(first.hasAccepted()).isFalse();
        assertThat(second.getAccepted()).isTrue();
        assertThat(second.hasRating()).isFalse();
        assertThat(second.hasComment()).isFalse();
        assertThat(second.getUpdatedAtMs()).isGreaterThanOrEqualTo(first.getUpdatedAtMs());
        assertThat(bobs.getUser()).isEqualTo("bob");
        assertThat(Database.feedback(task.getId())).containsExactly("alice:true:null:null", "bob:false:1:null");
        assertInvalid(() -> api.feedback(feedback(task, "alice").setRating(6).build()), "rating: ");
        assertInvalid(() -> api.feedback(feedback(task, "alice").setComment("x".repeat(2001)).build()), "comment: ");
        assertInvalid(() -> api.feedback(feedback(task, "alice").build()), "feedback: ");
        assertNotFound(() -> api.feedback(FeedbackRequest.newBuilder().setTenant(tenant + "-other").setId(task.getId())
                .setUser("alice").setRating(5).build()));
    }

    @Test
    void downloadsAreRecordedAndCounted() {
        Task task = api.submit(request("a cat"));

        assertThat(api.download(tenant, task.getId(), "alice", "redirect")).isEqualTo(1);
        assertThat(api.download(tenant, task.getId(), "bob", "b64_json")).isEqualTo(2);
        assertNotFound(() -> api.download(tenant + "-other", task.getId(), "alice", "redirect"));
        assertInvalid(() -> api.download(tenant, task.getId(), "alice", "Carrier Pigeon"), "channel: ");
        assertThat(api.download(tenant, task.getId(), "alice", "stream")).isEqualTo(3);
    }

    @Test
    void getTenantTellsTheTierItsUsageAndTheWebhookSecret() {
        api.submit(request("one"));
        Task two = api.submit(request("two"));
        api.cancel(tenant, two.getId());
        api.submit(request("three"));

        Tenant standing = api.tenant(tenant);
        Tenant pro = api.tenant("acme-pro");

        assertThat(standing.getTier()).isEqualTo("standard");
        assertThat(standing.getPriority()).isEqualTo(5);
        assertThat(standing.getRatePerSecond()).isEqualTo(10);
        assertThat(standing.getBurst()).isEqualTo(40);
        assertThat(standing.getMaxUnfinished()).isEqualTo(200);
        assertThat(standing.getUnfinished()).isEqualTo(2);
        assertThat(standing.getWebhookSecret()).startsWith("whsec_").isEqualTo(api.tenant(tenant).getWebhookSecret());
        assertThat(pro.getTier()).isEqualTo("pro");
        assertThat(pro.getMaxUnfinished()).isEqualTo(5000);
        assertThat(pro.getWebhookSecret()).isNotEqualTo(standing.getWebhookSecret());
        assertInvalid(() -> api.tenant(""), "tenant: ");
    }

    private SubmitRequest request(String prompt) {
        return SubmitRequest.newBuilder().setTenant(tenant).setUser("alice").setPrompt(prompt).build();
    }

    private FeedbackRequest.Builder feedback(Task task, String user) {
        return FeedbackRequest.newBuilder().setTenant(tenant).setId(task.getId()).setUser(user);
    }

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(message);
        });
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
