package dev.heavyweight.task.limits;

/**
 * The arithmetic of a token bucket, kept apart from where its state lives (a locked database row) so it can
 * be tested exactly. A bucket refills {@code rate} tokens per second up to {@code burst}; a submission takes
 * one whole token or is refused.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /**
     * The bucket after it refilled for {@code elapsedSeconds} since it was last written, holding {@code tokens}
     * then, and tried to give one token.
     */
    public static Take take(double tokens, double elapsedSeconds, double rate, int burst) {
        double level = refill(tokens, elapsedSeconds, rate, burst);
        boolean taken = level >= 1;
        double left = taken ? level - 1 : level;
        long retryAfterMs = taken ? 0 : millisUntil(1 - level, rate);
        return new Take(taken, left, retryAfterMs, state(left, rate, burst));
    }

    /** The bucket as it is now, without taking anything. */
    public static RateLimit peek(double tokens, double elapsedSeconds, double rate, int burst) {
        return state(refill(tokens, elapsedSeconds, rate, burst), rate, burst);
    }

    /** A bucket nobody has used yet: full. */
    public static RateLimit full(double rate, int burst) {
        return state(burst, rate, burst);
    }

    private static double refill(double tokens, double elapsedSeconds, double rate, int burst) {
        return Math.min(burst, tokens + rate * Math.max(0, elapsedSeconds));
    }

    private static RateLimit state(double level, double rate, int burst) {
        return new RateLimit(burst, (int) Math.floor(level), millisUntil(burst - level, rate), rate);
    }

    /** Whole milliseconds until {@code missing} tokens have been added, rounded up so waiting that long is enough. */
    private static long millisUntil(double missing, double rate) {
        return missing <= 0 ? 0 : (long) Math.ceil(missing / rate * 1000);
    }

    /**
     * One attempt to take a token.
     *
     * @param tokensLeft   the bucket's level afterwards, to store
     * @param retryAfterMs when refused: milliseconds until a whole token is there; 0 when taken
     * @param after        the bucket afterwards, as callers are told
     */
    public record Take(boolean taken, double tokensLeft, long retryAfterMs, RateLimit after) {
    }
}
