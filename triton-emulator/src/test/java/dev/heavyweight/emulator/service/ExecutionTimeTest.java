package dev.heavyweight.emulator.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionTimeTest {

    @Test
    void nominalTimeScalesWithStepsAndSpeed() {
        assertThat(new ExecutionTime(Duration.ofMillis(10), 1.0, 0, new Random()).nominal(50))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(new ExecutionTime(Duration.ofMillis(10), 2.0, 0, new Random()).nominal(50))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void withoutJitterEveryDrawIsNominal() {
        ExecutionTime time = new ExecutionTime(Duration.ofMillis(20), 0.5, 0, new ScriptedRandom());

        assertThat(time.draw(30)).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void jitterScalesByTheDrawnFactorAtTheBoundsAndBetween() {
        ExecutionTime time = new ExecutionTime(Duration.ofMillis(10), 1.0, 0.2, new ScriptedRandom(0.0, 0.5, 0.75));

        assertThat(time.draw(100)).isEqualTo(Duration.ofMillis(800));
        assertThat(time.draw(100)).isEqualTo(Duration.ofMillis(1000));
        assertThat(time.draw(100)).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void jitteredDurationsStayWithinBoundsAndVary() {
        ExecutionTime time = new ExecutionTime(Duration.ofMillis(10), 1.0, 0.25, new Random(7));
        Set<Duration> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            Duration drawn = time.draw(100);
            assertThat(drawn).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
            seen.add(drawn);
        }

        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void rejectsJitterOutsideZeroToOne() {
        assertThatThrownBy(() -> new ExecutionTime(Duration.ofMillis(10), 1.0, 1.0, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecutionTime(Duration.ofMillis(10), 1.0, -0.1, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecutionTime(Duration.ofMillis(10), 0, 0, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
