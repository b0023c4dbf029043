package dev.heavyweight.contracts.limits;

/**
 * gRPC trailer keys (ASCII metadata) that task-service sets on a RESOURCE_EXHAUSTED answer to Submit, so
 * the gateway can answer 429 with a correct {@code Retry-After} and {@code RateLimit-*} headers.
 */
public final class LimitTrailers {

    /** Which limit was hit: {@link #RATE} or {@link #UNFINISHED}. */
    public static final String LIMIT = "heavyweight-limit";
    /** Milliseconds after which the same submission can succeed (for the rate limit: exact). */
    public static final String RETRY_AFTER_MS = "heavyweight-retry-after-ms";
    /** The bucket size (rate limit) or the cap (unfinished tasks). */
    public static final String LIMIT_VALUE = "heavyweight-limit-value";
    /** Whole tokens left (rate limit) or unfinished tasks that may still be added (0 when hit). */
    public static final String REMAINING = "heavyweight-limit-remaining";
    /** Tokens the bucket gains per second, a decimal number (rate limit only). */
    public static final String RATE_PER_SECOND = "heavyweight-limit-rate";
    /** Milliseconds until the bucket is full again (rate limit only). */
    public static final String RESET_MS = "heavyweight-limit-reset-ms";

    /** {@link #LIMIT} value: the tenant's submission rate (token bucket). */
    public static final String RATE = "rate";
    /** {@link #LIMIT} value: the tenant's cap on unfinished (accepted, queued, running) tasks. */
    public static final String UNFINISHED = "unfinished";

    private LimitTrailers() {
    }
}
