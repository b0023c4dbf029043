package dev.heavyweight.task.limits;

/**
 * A tenant's submission bucket as callers see it (the gateway's {@code RateLimit-*} headers).
 *
 * @param limit         bucket size (the tier's burst)
 * @param remaining     whole tokens left
 * @param resetMs       milliseconds until the bucket is full again
 * @param ratePerSecond tokens added per second
 */
public record RateLimit(int limit, int remaining, long resetMs, double ratePerSecond) {
}
