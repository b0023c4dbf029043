package dev.heavyweight.task.limits;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.tenants.Tier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A tenant's limits on submitting, checked inside the submitting transaction. The token bucket is a row
 * in {@code rate_buckets}: it is locked, refilled by the database clock and written back, so the rate holds
 * across every replica, and submissions of one tenant are serialised from there to their commit, which
 * also makes the count of unfinished tasks exact when the cap is checked.
 */
@ApplicationScoped
public class SubmissionLimits {

    /** Creates the bucket full on first use, else locks it; the elapsed time is read after the lock is held. */
    private static final String LOCK = """
            INSERT INTO rate_buckets AS b (tenant, tokens, refilled_at) VALUES (?1, ?2, clock_timestamp())
            ON CONFLICT (tenant) DO UPDATE SET tokens = b.tokens
            RETURNING b.tokens, CAST(EXTRACT(EPOCH FROM clock_timestamp() - b.refilled_at) AS double precision)""";
    /** Moves {@code refilled_at} to the instant the refill was computed for. */
    private static final String WRITE = """
            UPDATE rate_buckets SET tokens = ?2, refilled_at = refilled_at + make_interval(secs => ?3)
            WHERE tenant = ?1""";
    private static final String READ = """
            SELECT tokens, CAST(EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) AS double precision)
            FROM rate_buckets WHERE tenant = ?1""";
    private static final String UNFINISHED = """
            SELECT count(*) FROM tasks WHERE tenant = ?1 AND state IN ('ACCEPTED', 'QUEUED', 'RUNNING')""";

    private final long unfinishedRetryAfterMs;

    SubmissionLimits(TaskConfig config) {
        this.unfinishedRetryAfterMs = config.limits().unfinishedRetryAfter().toMillis();
    }

    /**
     * Takes one token from the tenant's bucket and checks its cap on unfinished tasks; the bucket after it,
     * or {@link LimitExceededException}. Call inside the submitting transaction: the bucket stays locked
     * until it ends, and a refused submission (rolled back) takes nothing.
     */
    public Uni<RateLimit> admit(String tenant, Tier tier) {
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(LOCK)
                .setParameter(1, tenant)
                .setParameter(2, (double) tier.burst())
                .getSingleResult()
                .flatMap(row -> {
                    double elapsed = ((Number) row[1]).doubleValue();
                    TokenBucket.Take take = TokenBucket.take(((Number) row[0]).doubleValue(), elapsed,
                            tier.ratePerSecond(), tier.burst());
                    if (!take.taken()) {
                        return Uni.createFrom().failure(LimitExceededException.rate(tier.ratePerSecond(), tier.burst(),
                                take.retryAfterMs(), take.after().resetMs()));
                    }
                    return session.createNativeQuery(WRITE)
                            .setParameter(1, tenant)
                            .setParameter(2, take.tokensLeft())
                            .setParameter(3, Math.max(0, elapsed))
                            .executeUpdate()
                            .flatMap(updated -> session.<Number>createNativeQuery(UNFINISHED)
                                    .setParameter(1, tenant)
                                    .getSingleResult())
                            .flatMap(unfinished -> unfinished.longValue() >= tier.maxUnfinished()
                                    ? Uni.createFrom().failure(LimitExceededException.unfinished(tier.maxUnfinished(),
                                            unfinishedRetryAfterMs))
                                    : Uni.createFrom().item(take.after()));
                }));
    }

    /** The tenant's bucket now, taking nothing (for the answer to a replayed submission). */
    public Uni<RateLimit> peek(String tenant, Tier tier) {
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(READ)
                .setParameter(1, tenant)
                .getResultList()
                .map(rows -> rows.isEmpty()
                        ? TokenBucket.full(tier.ratePerSecond(), tier.burst())
                        : TokenBucket.peek(((Number) rows.get(0)[0]).doubleValue(), ((Number) rows.get(0)[1]).doubleValue(),
                                tier.ratePerSecond(), tier.burst())));
    }

    /** The tenant's ACCEPTED, QUEUED and RUNNING tasks now. */
    public Uni<Long> unfinished(String tenant) {
        return Panache.getSession().flatMap(session -> session.<Number>createNativeQuery(UNFINISHED)
                .setParameter(1, tenant)
                .getSingleResult()
                .map(Number::longValue));
    }
}
