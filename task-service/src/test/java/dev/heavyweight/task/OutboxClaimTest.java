package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Claims against the real table: replicas sharing the outbox never work on the same row at once. */
@QuarkusTest
@TestProfile(PausedBackgroundWork.class)
class OutboxClaimTest {

    static final Duration LEASE = Duration.ofMinutes(5);

    @Inject
    OutboxLeases leases;

    @Test
    void concurrentClaimsNeverShareARowAndTogetherTakeEveryDueOne() throws Exception {
        Set<Long> due = insertDueRows(50);

        List<List<OutboxRow>> claims = Uni.join().all(
                        leases.claim(30, LEASE), leases.claim(30, LEASE), leases.claim(30, LEASE))
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        Set<Long> claimed = new HashSet<>();
        for (List<OutboxRow> claim : claims) {
            for (OutboxRow row : claim) {
                assertThat(claimed.add(row.id())).as("row %d claimed twice", row.id()).isTrue();
            }
        }
        assertThat(claimed).isEqualTo(due);
        assertThat(claim(30)).isEmpty();
    }

    @Test
    void aClaimSkipsRowsAnotherReplicaIsClaimingRightNow() throws Exception {
        Set<Long> due = insertDueRows(10);
        try (Connection otherReplica = Database.connect()) {
            otherReplica.setAutoCommit(false);
            Set<Long> theirs = claimWithJdbc(otherReplica, 4);

            Set<Long> ours = ids(claim(10));

            assertThat(theirs).hasSize(4);
            assertThat(ours).hasSize(6).doesNotContainAnyElementsOf(theirs);
            otherReplica.commit();
            assertThat(union(ours, theirs)).isEqualTo(due);
        }
        assertThat(claim(10)).isEmpty();
    }

    @Test
    void rowsComeBackWhenTheirLeaseEnds() throws Exception {
        Set<Long> due = insertDueRows(3);
        List<OutboxRow> crashed = leases.claim(10, Duration.ofMillis(300)).await().atMost(Duration.ofSeconds(30));
        assertThat(ids(crashed)).isEqualTo(due);

        List<OutboxRow> reclaimed = await().atMost(Duration.ofSeconds(30)).until(() -> claim(10), rows -> !rows.isEmpty());

        assertThat(ids(reclaimed)).isEqualTo(due);
        assertThat(reclaimed).extracting(OutboxRow::claimToken).doesNotContainAnyElementsOf(
                crashed.stream().map(OutboxRow::claimToken).toList());
        // The first claimant's lease is gone: it can no longer finish a row the second one holds.
        assertThat(leases.delete(crashed.get(0)).await().atMost(Duration.ofSeconds(30))).isFalse();
        assertThat(leases.delete(reclaimed.get(0)).await().atMost(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void rowsNotYetDueStayUnclaimedAndAGivenBackRowCountsItsTry() throws Exception {
        UUID task = Database.insertTask();
        Database.insertOutbox(task, "publish", Instant.now().plus(Duration.ofHours(1)));
        long dueId = Database.insertOutbox(task, "admit", Instant.now().minusSeconds(1));

        List<OutboxRow> claimed = claim(10);
        assertThat(ids(claimed)).containsExactly(dueId);
        leases.release(claimed.get(0), Duration.ofHours(1), "moderation-service gave no verdict")
                .await().atMost(Duration.ofSeconds(30));

        assertThat(claim(10)).isEmpty();
        assertThat(Database.outbox(task.toString())).filteredOn(row -> row.id() == dueId).singleElement()
                .satisfies(row -> {
                    assertThat(row.tries()).isEqualTo(1);
                    assertThat(row.lastError()).isEqualTo("moderation-service gave no verdict");
                });
    }

    private List<OutboxRow> claim(int limit) {
        return leases.claim(limit, LEASE).await().atMost(Duration.ofSeconds(30));
    }

    /** Rows due now, one task each; everything claimable before is claimed away first so only these remain. */
    private Set<Long> insertDueRows(int count) throws Exception {
        claim(1_000);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(Database.insertOutbox(Database.insertTask(), "admit", Instant.now().minusSeconds(1)));
        }
        return ids;
    }

    /** The relay's own claim statement, run by a second replica inside a transaction it keeps open. */
    private static Set<Long> claimWithJdbc(Connection connection, int limit) throws Exception {
        Object[] byNumber = {null, limit, LEASE.toMillis(), UUID.randomUUID()};
        Matcher placeholders = Pattern.compile("\\$(\\d)").matcher(OutboxLeases.CLAIM);
        List<Object> inOrder = new ArrayList<>();
        while (placeholders.find()) {
            inOrder.add(byNumber[Integer.parseInt(placeholders.group(1))]);
        }
        try (PreparedStatement claim = connection.prepareStatement(placeholders.replaceAll("?"))) {
            for (int i = 0; i < inOrder.size(); i++) {
                claim.setObject(i + 1, inOrder.get(i));
            }
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong("id"));
                }
            }
            return ids;
        }
    }

    private static Set<Long> ids(List<OutboxRow> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.id()));
        return ids;
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
