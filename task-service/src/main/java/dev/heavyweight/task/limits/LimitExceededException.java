package dev.heavyweight.task.limits;

import dev.heavyweight.contracts.limits.LimitTrailers;

/**
 * A submission was refused because its tenant is over a limit; carries what the gateway needs for a 429
 * with a correct {@code Retry-After} (see {@link LimitTrailers}).
 *
 * @see #rate
 * @see #unfinished
 */
public class LimitExceededException extends RuntimeException {

    private final String limit;
    private final long retryAfterMs;
    private final long limitValue;
    private final Long resetMs;
    private final Double ratePerSecond;

    private LimitExceededException(String message, String limit, long retryAfterMs, long limitValue, Long resetMs,
            Double ratePerSecond) {
        super(message);
        this.limit = limit;
        this.retryAfterMs = retryAfterMs;
        this.limitValue = limitValue;
        this.resetMs = resetMs;
        this.ratePerSecond = ratePerSecond;
    }

    /** The bucket is empty: one token is there after {@code retryAfterMs}. */
    static LimitExceededException rate(double rate, int burst, long retryAfterMs, long resetMs) {
        return new LimitExceededException("tenant is over its rate of " + format(rate) + " submissions per second (burst "
                + burst + "); retry in " + retryAfterMs + " ms", LimitTrailers.RATE, retryAfterMs, burst, resetMs, rate);
    }

    /** The tenant has {@code cap} unfinished tasks; {@code retryAfterMs} is only a hint. */
    static LimitExceededException unfinished(int cap, long retryAfterMs) {
        return new LimitExceededException("tenant already has " + cap + " unfinished tasks, the cap of its tier; "
                + "submit again once some have ended", LimitTrailers.UNFINISHED, retryAfterMs, cap, null, null);
    }

    /** {@link LimitTrailers#RATE} or {@link LimitTrailers#UNFINISHED}. */
    public String limit() {
        return limit;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    /** The bucket size or the cap. */
    public long limitValue() {
        return limitValue;
    }

    /** Milliseconds until the bucket is full again; null for the cap on unfinished tasks. */
    public Long resetMs() {
        return resetMs;
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    /** Tokens per second of the bucket; null for the cap on unfinished tasks. */
    public Double ratePerSecond() {
        return ratePerSecond;
    }
}
