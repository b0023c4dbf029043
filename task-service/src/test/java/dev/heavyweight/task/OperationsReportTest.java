package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.LaneBacklog;
import dev.heavyweight.contracts.task.OperationsReport;
import dev.heavyweight.contracts.task.OperationsRequest;
import dev.heavyweight.contracts.task.StateCount;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import dev.heavyweight.contracts.task.TaskState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations report is fleet-wide, and other tests' tasks share the database: each case reads the report,
 * adds known rows, reads it again and checks the difference — and the oldest queued task, dated 2001 so that it
 * is older than any other.
 */
@QuarkusTest
class OperationsReportTest extends TaskServiceFixture {

    private static final String TENANT = "operations-test";
    private static ManagedChannel channel;
    private static TaskServiceGrpc.TaskServiceBlockingStub stub;

    @BeforeAll
    static void connect() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = TaskServiceGrpc.newBlockingStub(channel);
        try (Connection db = Database.connect()) {
            db.createStatement().execute("DELETE FROM tasks WHERE tenant = '" + TENANT + "'");
        }
    }

    @AfterAll
    static void close() throws Exception {
        try (Connection db = Database.connect()) {
            db.createStatement().execute("DELETE FROM tasks WHERE tenant = '" + TENANT + "'");
        }
        channel.shutdownNow();
    }

    @Test
    void backlogPerLaneAndStatesOfTheLastHourCountTheAddedTasks() throws Exception {
        OperationsReport before = quiet();
        Instant now = Instant.now();
        Instant ancient = Instant.parse("2001-01-01T00:00:00Z");
        try (Connection db = Database.connect()) {
            task(db, "QUEUED", "interactive", now.minus(Duration.ofMinutes(30)), ancient);
            task(db, "QUEUED", "interactive", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(20)));
            task(db, "RUNNING", "batch", now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(10)));
            task(db, "ACCEPTED", "batch", now.minus(Duration.ofMinutes(5)), null);
            task(db, "SUCCEEDED", "batch", now.minus(Duration.ofMinutes(50)), null);
            task(db, "REJECTED", "interactive", now.minus(Duration.ofMinutes(40)), null);
            // Created two hours ago: backlog, but not one of the last hour's tasks.
            task(db, "QUEUED", "batch", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)));
            task(db, "FAILED", "batch", now.minus(Duration.ofHours(2)), null);
        }
        OperationsReport after = report(0);

        assertThat(after.getWindowSeconds()).isEqualTo(3600);
        assertThat(after.getLanesList()).extracting(LaneBacklog::getLane)
                .containsExactly(Lane.LANE_INTERACTIVE, Lane.LANE_BATCH);
        LaneBacklog interactive = after.getLanes(0);
        LaneBacklog batch = after.getLanes(1);
        assertThat(interactive.getQueued() - before.getLanes(0).getQueued()).isEqualTo(2);
        assertThat(interactive.getRunning() - before.getLanes(0).getRunning()).isZero();
        assertThat(interactive.getOldestQueuedAtMs()).as("the oldest queued task").isEqualTo(ancient.toEpochMilli());
        assertThat(batch.getQueued() - before.getLanes(1).getQueued()).isEqualTo(1);
        assertThat(batch.getRunning() - before.getLanes(1).getRunning()).isEqualTo(1);
        assertThat(batch.getAccepted() - before.getLanes(1).getAccepted()).isEqualTo(1);
        assertThat(batch.hasOldestQueuedAtMs()).isTrue();

        Map<TaskState, Long> added = difference(before, after);
        assertThat(added).containsEntry(TaskState.TASK_STATE_QUEUED, 2L)
                .containsEntry(TaskState.TASK_STATE_RUNNING, 1L)
                .containsEntry(TaskState.TASK_STATE_ACCEPTED, 1L)
                .containsEntry(TaskState.TASK_STATE_SUCCEEDED, 1L)
                .containsEntry(TaskState.TASK_STATE_REJECTED, 1L)
                .containsEntry(TaskState.TASK_STATE_FAILED, 0L)
                .containsEntry(TaskState.TASK_STATE_CANCELLED, 0L)
                .containsEntry(TaskState.TASK_STATE_EXPIRED, 0L);
        assertThat(after.getStatesList()).as("every state, zeros included").hasSize(8);

        Map<TaskState, Long> threeHours = counts(report(3 * 3600));
        assertThat(threeHours.get(TaskState.TASK_STATE_FAILED) - counts(report(3600)).get(TaskState.TASK_STATE_FAILED))
                .as("a wider window takes in the task of two hours ago").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWindowOutsideOneSecondToSevenDaysIsInvalid() {
        for (long seconds : new long[] {-5, 8 * 24 * 3600}) {
            assertThatThrownBy(() -> report(seconds)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("window_seconds");
            });
        }
    }

    /**
     * A report once two in a row, half a second apart, agree: earlier tests' tasks may still be moving (a retried
     * moderation call, an expiry), and a change between "before" and "after" would count as one of ours.
     */
    private static OperationsReport quiet() {
        OperationsReport[] last = {report(0)};
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            OperationsReport now = report(0);
            boolean same = now.getLanesList().equals(last[0].getLanesList())
                    && now.getStatesList().equals(last[0].getStatesList());
            last[0] = now;
            return same ? now : null;
        }, java.util.Objects::nonNull);
    }

    private static OperationsReport report(long windowSeconds) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .getOperations(OperationsRequest.newBuilder().setWindowSeconds(windowSeconds).build());
    }

    private static Map<TaskState, Long> counts(OperationsReport report) {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        for (StateCount state : report.getStatesList()) {
            counts.put(state.getState(), state.getCount());
        }
        return counts;
    }

    private static Map<TaskState, Long> difference(OperationsReport before, OperationsReport after) {
        Map<TaskState, Long> was = counts(before);
        Map<TaskState, Long> difference = new EnumMap<>(TaskState.class);
        counts(after).forEach((state, count) -> difference.put(state, count - was.getOrDefault(state, 0L)));
        return difference;
    }

    private static void task(Connection db, String state, String lane, Instant created, Instant queued) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO tasks (id, tenant, state, lane, priority, model, prompt, width, height, steps, seed,
                                   created_at, updated_at, deadline_at, queued_at)
                VALUES (?, ?, ?, ?, 5, 'stable_diffusion_1_5', 'a test', 512, 512, 20, 1, ?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, TENANT);
            insert.setString(3, state);
            insert.setString(4, lane);
            insert.setTimestamp(5, Timestamp.from(created));
            insert.setTimestamp(6, Timestamp.from(created));
            // Far ahead, so the expiry sweeper leaves the waiting rows alone.
            insert.setTimestamp(7, Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
            insert.setTimestamp(8, queued == null ? null : Timestamp.from(queued));
            insert.executeUpdate();
        }
    }
}
