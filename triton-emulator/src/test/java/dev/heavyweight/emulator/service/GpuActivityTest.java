package dev.heavyweight.emulator.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpuActivityTest {

    private static final PowerModel POWER = new PowerModel(60, 300, 350);
    private final ManualClock clock = new ManualClock();

    @Test
    void idleGpuDrawsIdlePowerAndAccruesIdleEnergy() {
        GpuActivity gpu = new GpuActivity(1, Duration.ofSeconds(2).toNanos(), POWER, clock);
        clock.advance(Duration.ofSeconds(10));

        GpuReading reading = gpu.read();

        assertThat(reading.utilization()).isZero();
        assertThat(reading.powerWatts()).isEqualTo(60.0);
        assertThat(reading.energyJoules()).isCloseTo(600.0, within(1e-9));
        assertThat(reading.busySlotNanos()).isZero();
    }

    @Test
    void utilisationIsTheBusyFractionOfSlotsOverTheWindow() {
        GpuActivity gpu = new GpuActivity(2, Duration.ofSeconds(1).toNanos(), POWER, clock);
        gpu.busySlots(1);
        clock.advance(Duration.ofMillis(500));
        gpu.busySlots(2);
        clock.advance(Duration.ofMillis(500));

        GpuReading full = gpu.read();

        assertThat(full.utilization()).as("(0.5 s x 1 + 0.5 s x 2) / (2 slots x 1 s)").isCloseTo(0.75, within(1e-9));
        assertThat(full.powerWatts()).isCloseTo(60 + 240 * 0.75, within(1e-9));
        assertThat(full.busySlotNanos()).isEqualTo(Duration.ofMillis(1500).toNanos());

        gpu.busySlots(0);
        clock.advance(Duration.ofMillis(1500));
        GpuReading later = gpu.read();

        assertThat(later.utilization()).as("the window no longer reaches the busy second").isZero();
        assertThat(later.busyNanos()).as("1.5 slot-seconds on 2 slots").isCloseTo(0.75e9, within(1.0));
        assertThat(later.energyJoules()).as("60 W x 2.5 s + 240 W x 0.75 s").isCloseTo(330.0, within(1e-9));
    }

    @Test
    void windowStraddlingAChangeCountsOnlyItsShare() {
        GpuActivity gpu = new GpuActivity(1, Duration.ofSeconds(2).toNanos(), POWER, clock);
        clock.advance(Duration.ofSeconds(5));
        gpu.busySlots(1);
        clock.advance(Duration.ofMillis(500));

        assertThat(gpu.read().utilization()).as("busy 0.5 s of the last 2 s").isCloseTo(0.25, within(1e-9));
    }

    @Test
    void earlyReadingsAverageOverTheTimeSinceStart() {
        GpuActivity gpu = new GpuActivity(1, Duration.ofSeconds(10).toNanos(), POWER, clock);
        gpu.busySlots(1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(gpu.read().utilization()).isCloseTo(1.0, within(1e-9));
        assertThat(gpu.read().energyJoules()).isCloseTo(300.0, within(1e-9));
    }
}
