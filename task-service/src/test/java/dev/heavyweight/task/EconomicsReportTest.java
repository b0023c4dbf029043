package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heavyweight.contracts.task.EconomicsFigures;
import dev.heavyweight.contracts.task.EconomicsReport;
import dev.heavyweight.contracts.task.EconomicsRequest;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.QualityFigures;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The economics report on a controlled hour (2001-01-01, far from every other test's rows): known node
 * intervals (cost and energy as the balancer accounted them) and known tasks (GPU time, acceptance, ratings)
 * give exact figures. The arithmetic, worked by hand:
 * <ul>
 * <li>a100: n1 2 × 30 min at 1.00 and 360 kJ each, n2 60 min at 2.00 and 216 kJ → cost 4.00, 936 kJ, 2 GPU-hours
 *     offered; images: 4 × sd15 of 900 s and 1 × sdxl of 1,800 s → 5,400 s used, utilisation 0.75,
 *     cost per image 0.80, kcal per image 936,000 ÷ 4,184 ÷ 5.</li>
 * <li>t4: n3 60 min at 0.50 and 252 kJ; 2 × sd15 of 600 s → utilisation 1/3, cost per image 0.25.</li>
 * <li>sd15 gets 2/3 of a100's cost and energy (3,600 of 5,400 GPU-seconds) and all of t4's: 2.6667 + 0.50 over
 *     6 images; sdxl 1/3 of a100's over 1 image.</li>
 * </ul>
 * An interval that ends after the window, a failed task and a task that ends at the window's end stay out.
 */
@QuarkusTest
class EconomicsReportTest extends TaskServiceFixture {

    private static final Instant FROM = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2001-01-01T01:00:00Z");
    private static final String SD15 = "stable_diffusion_1_5";
    private static final String SDXL = "stable_diffusion_xl";

    private static ManagedChannel channel;
    private static TaskServiceGrpc.TaskServiceBlockingStub stub;

    @BeforeAll
    static void seed() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = TaskServiceGrpc.newBlockingStub(channel);
        try (Connection db = Database.connect()) {
            db.createStatement().execute("DELETE FROM node_usage WHERE balancer = 'economics-test'");
            db.createStatement().execute("DELETE FROM tasks WHERE tenant = 'economics-test'");
            usage(db, 1, "n1", "a100", "00:00", "00:30", 1.0, 360_000);
            usage(db, 2, "n1", "a100", "00:30", "01:00", 1.0, 360_000);
            usage(db, 1, "n2", "a100", "00:00", "01:00", 2.0, 216_000);
            usage(db, 1, "n3", "t4", "00:00", "01:00", 0.5, 252_000);
            usage(db, 3, "n1", "a100", "01:00", "01:30", 1.0, 360_000);
            UUID first = task(db, "SUCCEEDED", SD15, "interactive", "a100", 900_000, "00:10", true);
            UUID second = task(db, "SUCCEEDED", SD15, "interactive", "a100", 900_000, "00:20", true);
            task(db, "SUCCEEDED", SD15, "interactive", "a100", 900_000, "00:30", true);
            task(db, "SUCCEEDED", SD15, "interactive", "a100", 900_000, "00:40", false);
            UUID xl = task(db, "SUCCEEDED", SDXL, "interactive", "a100", 1_800_000, "00:50", true);
            task(db, "SUCCEEDED", SD15, "batch", "t4", 600_000, "00:15", false);
            task(db, "SUCCEEDED", SD15, "batch", "t4", 600_000, "00:45", false);
            task(db, "FAILED", SD15, "batch", null, 0, "00:05", false);
            task(db, "SUCCEEDED", SD15, "interactive", "a100", 900_000, "01:00", true);
            rating(db, first, "a", 5);
            rating(db, first, "b", 3);
            rating(db, second, "a", 4);
            rating(db, xl, "a", 2);
        }
    }

    @AfterAll
    static void close() {
        channel.shutdownNow();
    }

    @Test
    void aControlledHourGivesExactCostAndKilocaloriesPerImage() {
        EconomicsReport report = stub.withDeadlineAfter(30, TimeUnit.SECONDS).getEconomics(EconomicsRequest.newBuilder()
                .setFromMs(FROM.toEpochMilli()).setToMs(TO.toEpochMilli()).build());

        assertThat(report.getCurrency()).isEqualTo("USD");
        EconomicsFigures total = report.getTotal();
        assertThat(total.getImages()).isEqualTo(7);
        assertThat(total.getGpuHours()).isCloseTo(6600 / 3600.0, within(1e-9));
        assertThat(total.getFleetGpuHours()).isCloseTo(3.0, within(1e-9));
        assertThat(total.getUtilisation()).isCloseTo(6600 / 10800.0, within(1e-9));
        assertThat(total.getCost()).isCloseTo(4.5, within(1e-9));
        assertThat(total.getCostPerImage()).isCloseTo(4.5 / 7, within(1e-9));
        assertThat(total.getEnergyJoules()).isCloseTo(1_188_000, within(1e-6));
        assertThat(total.getKcalPerImage()).isCloseTo(1_188_000 / 4184.0 / 7, within(1e-9));

        assertThat(report.getNodeClassesList()).hasSize(2);
        var a100 = report.getNodeClasses(0);
        assertThat(a100.getNodeClass()).isEqualTo("a100");
        assertThat(a100.getNodes()).isEqualTo(2);
        assertThat(a100.getFigures().getUtilisation()).isCloseTo(0.75, within(1e-9));
        assertThat(a100.getFigures().getCostPerImage()).isCloseTo(0.80, within(1e-9));
        assertThat(a100.getFigures().getKcal()).isCloseTo(936_000 / 4184.0, within(1e-9));
        assertThat(a100.getFigures().getKcalPerImage()).isCloseTo(936_000 / 4184.0 / 5, within(1e-9));
        var t4 = report.getNodeClasses(1);
        assertThat(t4.getNodeClass()).isEqualTo("t4");
        assertThat(t4.getFigures().getUtilisation()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(t4.getFigures().getCostPerImage()).isCloseTo(0.25, within(1e-9));

        var sd15 = report.getModels(0);
        assertThat(sd15.getModel()).isEqualTo(SD15);
        assertThat(sd15.getFigures().getImages()).isEqualTo(6);
        assertThat(sd15.getFigures().getCost()).isCloseTo(4.0 * 2 / 3 + 0.5, within(1e-9));
        assertThat(sd15.getFigures().getCostPerImage()).isCloseTo((4.0 * 2 / 3 + 0.5) / 6, within(1e-9));
        assertThat(sd15.getFigures().getKcalPerImage()).isCloseTo((936_000 * 2 / 3.0 + 252_000) / 4184.0 / 6, within(1e-9));
        var sdxl = report.getModels(1);
        assertThat(sdxl.getFigures().getCostPerImage()).isCloseTo(4.0 / 3, within(1e-9));

        assertThat(report.getQualityList()).extracting(QualityFigures::getModel, QualityFigures::getLane)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SD15, Lane.LANE_BATCH),
                        org.assertj.core.groups.Tuple.tuple(SD15, Lane.LANE_INTERACTIVE),
                        org.assertj.core.groups.Tuple.tuple(SDXL, Lane.LANE_INTERACTIVE));
        QualityFigures batch = report.getQuality(0);
        assertThat(batch.getSucceeded()).isEqualTo(2);
        assertThat(batch.getTaskSuccess()).isZero();
        assertThat(batch.hasCsat()).as("no rating: no CSAT rather than 0").isFalse();
        QualityFigures interactive = report.getQuality(1);
        assertThat(interactive.getSucceeded()).isEqualTo(4);
        assertThat(interactive.getAccepted()).isEqualTo(3);
        assertThat(interactive.getTaskSuccess()).isCloseTo(0.75, within(1e-9));
        assertThat(interactive.getRatings()).isEqualTo(3);
        assertThat(interactive.getCsat()).isCloseTo(4.0, within(1e-9));
        assertThat(report.getQuality(2).getCsat()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anEmptyOrReversedWindowIsInvalid() {
        assertThatThrownBy(() -> stub.getEconomics(EconomicsRequest.newBuilder()
                .setFromMs(TO.toEpochMilli()).setToMs(FROM.toEpochMilli()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("to");
                });
    }

    private static void usage(Connection db, long seq, String node, String nodeClass, String from, String to, double cost,
            double joules) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO node_usage (balancer, seq, node, node_class, period_start, period_end, gpus, busy_seconds,
                                        energy_joules, energy_source, cost)
                VALUES ('economics-test', ?, ?, ?, ?, ?, 1, 0, ?, 'measured', ?)""")) {
            insert.setLong(1, seq);
            insert.setString(2, node);
            insert.setString(3, nodeClass);
            insert.setTimestamp(4, at(from));
            insert.setTimestamp(5, at(to));
            insert.setDouble(6, joules);
            insert.setDouble(7, cost);
            insert.executeUpdate();
        }
    }

    private static UUID task(Connection db, String state, String model, String lane, String nodeClass, long gpuMs,
            String finished, boolean accepted) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO tasks (id, tenant, state, lane, priority, model, prompt, width, height, steps, seed,
                                   created_at, updated_at, deadline_at, finished_at, node, node_class, gpu_ms, accepted_at)
                VALUES (?, 'economics-test', ?, ?, 5, ?, 'a test', 512, 512, 20, 1, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            Timestamp at = at(finished);
            insert.setObject(1, id);
            insert.setString(2, state);
            insert.setString(3, lane);
            insert.setString(4, model);
            insert.setTimestamp(5, at);
            insert.setTimestamp(6, at);
            insert.setTimestamp(7, at);
            insert.setTimestamp(8, at);
            insert.setString(9, nodeClass == null ? null : nodeClass + "-node");
            insert.setString(10, nodeClass);
            insert.setObject(11, nodeClass == null ? null : gpuMs);
            insert.setTimestamp(12, accepted ? at : null);
            insert.executeUpdate();
        }
        return id;
    }

    private static void rating(Connection db, UUID task, String user, int rating) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO task_feedback (task_id, user_id, rating, created_at, updated_at) VALUES (?, ?, ?, now(), now())""")) {
            insert.setObject(1, task);
            insert.setString(2, user);
            insert.setInt(3, rating);
            insert.executeUpdate();
        }
    }

    private static Timestamp at(String hhmm) {
        return Timestamp.from(Instant.parse("2001-01-01T" + hhmm + ":00Z"));
    }
}
