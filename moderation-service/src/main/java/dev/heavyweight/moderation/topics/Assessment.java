package dev.heavyweight.moderation.topics;

/**
 * What one engine says about one topic: a calibrated score in 0..1, or that it could not judge it at all.
 * An unassessed topic has no score; it is never reported as 0 and mistaken for "clean".
 */
public record Assessment(boolean assessed, double score) {

    private static final Assessment UNASSESSED = new Assessment(false, 0);

    public Assessment {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("a topic score must be within 0..1, got " + score);
        }
        if (!assessed && score != 0) {
            throw new IllegalArgumentException("an unassessed topic has no score");
        }
    }

    public static Assessment unassessed() {
        return UNASSESSED;
    }

    /** An assessed score, clamped into 0..1 (calibration may overshoot slightly). */
    public static Assessment of(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("a topic score must be a number");
        }
        return new Assessment(true, Math.max(0, Math.min(1, score)));
    }
}
