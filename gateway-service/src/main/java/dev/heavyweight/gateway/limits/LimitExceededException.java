package dev.heavyweight.gateway.limits;

/**
 * task-service refused a submission over one of the tenant's limits (RESOURCE_EXHAUSTED with the
 * contracts LimitTrailers); answered 429 with Retry-After and RateLimit-* headers.
 *
 * @see dev.heavyweight.contracts.limits.LimitTrailers
 */
public class LimitExceededException extends RuntimeException {

    /** Which limit was hit. */
    public enum Limit {
        /** The submission rate (token bucket). */
        RATE,
        /** The cap on unfinished tasks. */
        UNFINISHED
    }

    private final Limit limit;
    private final long retryAfterMs;
    private final RateLimitState state;

    /**
     * @param state for {@link Limit#RATE} the bucket, for {@link Limit#UNFINISHED} the cap as limit
     *              with what may still be added as remaining
     */
    public LimitExceededException(Limit limit, long retryAfterMs, RateLimitState state) {
        super("tenant over its " + limit.name().toLowerCase() + " limit", null, false, false);
        this.limit = limit;
        this.retryAfterMs = retryAfterMs;
        this.state = state;
    }

    public Limit limit() {
        return limit;
    }

    /** Whole seconds a client should wait, rounded up and at least 1 (Retry-After). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterMs + 999) / 1000);
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    public RateLimitState state() {
        return state;
    }
}
