package dev.heavyweight.balancer.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** One node interval, worked by hand: price × GPUs × time, and energy measured or from the class's powers. */
class UsageLedgerTest {

    private static final NodeClasses.Rates A100 = new NodeClasses.Rates("a100", 3.6, 400, 100, 2);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);

    @Test
    void withoutAnEnergyCounterTheBusyShareOfTheConfiguredPowersIsUsed() {
        // 2 slots, 300 slot-seconds busy over 600 s → busy share 0.25; 2 GPUs × 600 s × (100 + 300 × 0.25) W.
        UsageRecord record = UsageLedger.account(7, "10.0.0.1:8001", 2, A100, T0, 100, OptionalDouble.empty(),
                T1, 400, OptionalDouble.empty());

        assertThat(record.seq()).isEqualTo(7);
        assertThat(record.nodeClass()).isEqualTo("a100");
        assertThat(record.busySeconds()).isEqualTo(300);
        assertThat(record.energySource()).isEqualTo(UsageRecord.CONFIGURED);
        assertThat(record.energyJoules()).isCloseTo(2 * 600 * (100 + 300 * 0.25), within(1e-9));
        assertThat(record.cost()).isCloseTo(3.6 * 2 * 600 / 3600, within(1e-12));
    }

    @Test
    void theNodesEnergyCounterWinsWhenBothEndsWereRead() {
        UsageRecord record = UsageLedger.account(1, "n", 1, A100, T0, 0, OptionalDouble.of(1_000), T1, 0,
                OptionalDouble.of(91_000));

        assertThat(record.energySource()).isEqualTo(UsageRecord.MEASURED);
        assertThat(record.energyJoules()).isEqualTo(90_000);
        assertThat(record.cost()).as("an idle GPU costs as much as a busy one").isCloseTo(1.2, within(1e-12));
    }

    @Test
    void aCounterThatWentBackMeansTheNodeRestartedAndTheIntervalIsEstimated() {
        UsageRecord record = UsageLedger.account(1, "n", 1, A100, T0, 0, OptionalDouble.of(50_000), T1, 600,
                OptionalDouble.of(10));

        assertThat(record.energySource()).isEqualTo(UsageRecord.CONFIGURED);
        assertThat(record.energyJoules()).as("busy all the time: busy power").isCloseTo(2 * 600 * 400, within(1e-9));
    }

    @Test
    void energyIsSummedOverEveryGpuSeriesOfTheTritonText() {
        String text = """
                # HELP nv_energy_consumption GPU energy consumption in joules since the Triton Server started
                # TYPE nv_energy_consumption counter
                nv_energy_consumption{gpu_uuid="GPU-1"} 1500.5
                nv_energy_consumption{gpu_uuid="GPU-2"} 499.5
                nv_gpu_power_usage{gpu_uuid="GPU-1"} 250
                """;
        assertThat(EnergyReader.parse(text)).hasValue(2000.0);
        assertThat(EnergyReader.parse("nv_gpu_power_usage 250\n")).isEmpty();
    }
}
