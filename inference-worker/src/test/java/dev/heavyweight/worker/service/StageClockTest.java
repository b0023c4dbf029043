package dev.heavyweight.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StageClockTest {

    @Test
    void aStageThatRanIsNeverReportedAsZeroMilliseconds() {
        assertThat(StageClock.roundedUpMillis(Duration.ZERO)).isEqualTo(1);
        assertThat(StageClock.roundedUpMillis(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(StageClock.roundedUpMillis(Duration.ofNanos(400_000))).isEqualTo(1);
        assertThat(StageClock.roundedUpMillis(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(StageClock.roundedUpMillis(Duration.ofNanos(1_000_001))).isEqualTo(2);
        assertThat(StageClock.roundedUpMillis(Duration.ofMillis(2500))).isEqualTo(2500);
    }
}
