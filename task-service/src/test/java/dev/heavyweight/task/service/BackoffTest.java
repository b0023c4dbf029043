package dev.heavyweight.task.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void ceilingDoublesPerFailureUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeFromZeroToTheCeiling() {
        Random random = new Random(7);
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            Duration delay = backoff.delay(4, random);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(8));
            seconds.add(delay.toSeconds());
        }
        // Full jitter: every second of the 0..8 s range is hit, not just values near the ceiling.
        assertThat(seconds).contains(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L).isSubsetOf(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void refusesAMaximumBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
