package dev.heavyweight.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CancellationRegistryTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void remembersACancelledTask() {
        CancellationRegistry registry = new CancellationRegistry(10, Duration.ofMinutes(1), now::get);

        registry.cancel("t-1");

        assertThat(registry.isCancelled("t-1")).isTrue();
        assertThat(registry.isCancelled("t-2")).isFalse();
    }

    @Test
    void forgetsACancellationOnceItsTimeToLivePassed() {
        CancellationRegistry registry = new CancellationRegistry(10, Duration.ofSeconds(60), now::get);
        registry.cancel("t-1");
        now.addAndGet(30_000);
        registry.cancel("t-2");

        now.addAndGet(30_000);

        assertThat(registry.isCancelled("t-1")).isFalse();
        assertThat(registry.isCancelled("t-2")).isTrue();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheOldestWhenFull() {
        CancellationRegistry registry = new CancellationRegistry(2, Duration.ofHours(1), now::get);
        registry.cancel("t-1");
        registry.cancel("t-2");
        registry.cancel("t-3");

        assertThat(registry.isCancelled("t-1")).isFalse();
        assertThat(registry.isCancelled("t-2")).isTrue();
        assertThat(registry.isCancelled("t-3")).isTrue();
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void aRepeatedCancellationKeepsItsFirstTime() {
        CancellationRegistry registry = new CancellationRegistry(10, Duration.ofSeconds(60), now::get);
        registry.cancel("t-1");
        now.addAndGet(50_000);
        registry.cancel("t-1");

        now.addAndGet(10_000);

        assertThat(registry.isCancelled("t-1")).isFalse();
    }
}
