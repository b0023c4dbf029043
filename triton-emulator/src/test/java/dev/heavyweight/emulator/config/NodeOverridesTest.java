package dev.heavyweight.emulator.config;

import dev.heavyweight.emulator.service.NodeSettings;
import io.grpc.Status;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeOverridesTest {

    @Test
    void speedsListGivesEachNodeItsEntryInTurn() {
        EmulatorConfig config = config("nodes=6", "speeds=1,1,1,1,0.5,0.5");

        assertThat(speeds(config)).containsExactly(1.0, 1.0, 1.0, 1.0, 0.5, 0.5);
        assertThat(speeds(config("nodes=3", "speeds=1.0,0.5"))).containsExactly(1.0, 0.5, 1.0);
    }

    @Test
    void overrideAppliesToThatNodeOnly() {
        EmulatorConfig config = config("nodes=3", "speeds=1,0.5", "step-time=20ms",
                "node.\"1\".fail-rate=0.2", "node.\"1\".fail-status=RESOURCE_EXHAUSTED", "node.\"1\".slots=4",
                "node.\"1\".speed=3", "node.\"1\".step-jitter=0.1", "node.\"1\".busy-watts=400",
                "node.\"1\".ready=false", "node.\"1\".hang-rate=0.05");

        NodeSettings overridden = NodeOverrides.settings(config, 1);
        assertThat(overridden.slots()).isEqualTo(4);
        assertThat(overridden.speed()).isEqualTo(3.0);
        assertThat(overridden.stepJitter()).isEqualTo(0.1);
        assertThat(overridden.stepTime()).isEqualTo(Duration.ofMillis(20));
        assertThat(overridden.faults().failRate()).isEqualTo(0.2);
        assertThat(overridden.faults().status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(overridden.faults().hangRate()).isEqualTo(0.05);
        assertThat(overridden.power().busyWatts()).isEqualTo(400.0);
        assertThat(overridden.power().limitWatts()).as("limit follows busy-watts when unset").isEqualTo(400.0);
        assertThat(overridden.ready()).isFalse();
        for (int other : new int[] {0, 2}) {
            NodeSettings plain = NodeOverrides.settings(config, other);
            assertThat(plain.slots()).isEqualTo(1);
            assertThat(plain.speed()).as("from the speeds list").isEqualTo(1.0);
            assertThat(plain.faults().failRate()).isZero();
            assertThat(plain.faults().status()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(plain.power().busyWatts()).isEqualTo(300.0);
            assertThat(plain.ready()).isTrue();
        }
    }

    @Test
    void unquotedIndexWorksToo() {
        EmulatorConfig config = config("nodes=2", "node.1.hang=true");

        assertThat(NodeOverrides.settings(config, 1).faults().hang()).isTrue();
        assertThat(NodeOverrides.settings(config, 0).faults().hang()).isFalse();
    }

    @Test
    void overrideOfAMissingNodeIsAnError() {
        EmulatorConfig config = config("nodes=2", "node.\"5\".slots=2");

        assertThatThrownBy(() -> NodeOverrides.check(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"5\"").hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> NodeOverrides.check(config("node.gpu.slots=2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node index");
    }

    private static double[] speeds(EmulatorConfig config) {
        double[] speeds = new double[config.nodes()];
        for (int i = 0; i < speeds.length; i++) {
            speeds[i] = NodeOverrides.settings(config, i).speed();
        }
        return speeds;
    }

    /** Configuration from {@code key=value} pairs under {@code heavyweight.emulator.}. */
    private static EmulatorConfig config(String... entries) {
        Map<String, String> prefixed = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            prefixed.put("heavyweight.emulator." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(EmulatorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(prefixed, "test", 100))
                .build();
        return config.getConfigMapping(EmulatorConfig.class);
    }
}
