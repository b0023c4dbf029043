package dev.heavyweight.gateway.limits;

import dev.heavyweight.contracts.task.RateLimit;

/**
 * A tenant's submission bucket as task-service reported it.
 *
 * @param limit         bucket size (the tier's burst)
 * @param remaining     whole tokens left
 * @param resetMs       milliseconds until the bucket is full again
 * @param ratePerSecond tokens added per second; 0 when unknown
 */
public record RateLimitState(int limit, int remaining, long resetMs, double ratePerSecond) {

    public static RateLimitState of(RateLimit proto) {
        return new RateLimitState(proto.getLimit(), proto.getRemaining(), proto.getResetMs(), proto.getRatePerSecond());
    }

    /** Seconds until the bucket refills from empty to full, the window of RateLimit-Policy; 0 when unknown. */
    public long windowSeconds() {
        return ratePerSecond <= 0 ? 0 : (long) Math.ceil(limit / ratePerSecond);
    }
}
