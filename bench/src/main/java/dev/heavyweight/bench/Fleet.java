package dev.heavyweight.bench;

import java.time.Duration;
import java.util.List;

/**
 * The emulated GPU fleet every policy runs on: node speeds, one slot each, and the work one image takes.
 *
 * @param speeds   relative speed of each node (1.0 = reference GPU)
 * @param stepTime one diffusion step on a reference GPU
 * @param steps    diffusion steps per image
 */
record Fleet(List<Double> speeds, Duration stepTime, int steps) {

    /** Service time of one image on a reference GPU, in seconds. */
    double serviceSeconds() {
        return steps * stepTime.toNanos() / 1e9;
    }

    /** Images per second the fleet could finish if no GPU ever idled: Σ speed / service time. */
    double idealThroughput() {
        return speeds.stream().mapToDouble(Double::doubleValue).sum() / serviceSeconds();
    }

    String speedsConfig() {
        return String.join(",", speeds.stream().map(s -> Double.toString(s)).toList());
    }
}
