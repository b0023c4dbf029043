package dev.heavyweight.balancer.scheduler;

/**
 * Exponentially weighted moving average of one node's service time for one model. The configured initial
 * estimate stands until the first sample, which replaces it: a guess should not linger in the average.
 */
final class ServiceTime {

    private final double alpha;
    private double nanos;
    private boolean sampled;

    ServiceTime(double alpha, long initialNanos) {
        this.alpha = alpha;
        this.nanos = initialNanos;
    }

    void record(long sampleNanos) {
        nanos = sampled ? alpha * sampleNanos + (1 - alpha) * nanos : sampleNanos;
        sampled = true;
    }

    double nanos() {
        return nanos;
    }
}
