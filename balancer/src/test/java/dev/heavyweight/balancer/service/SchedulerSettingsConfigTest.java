package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.SchedulerSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The balancer's own configuration file and overrides, parsed as Quarkus does, into scheduler settings. */
class SchedulerSettingsConfigTest {

    private static final String SAFETY = "nsfw_mobilenet_v2";

    @Test
    void byDefaultTheSafetyModelIsPolledAndHasFourSlotsOfItsOwn() throws IOException {
        BalancerConfig config = config();
        SchedulerSettings settings = SchedulerProducer.settings(config);

        assertThat(config.models()).containsExactly("stable_diffusion_1_5", "stable_diffusion_xl", SAFETY);
        assertThat(config.modelSlots()).isEqualTo(Map.of(SAFETY, 4));
        assertThat(config.slotsPerNode()).isEqualTo(1);
        assertThat(settings.pools()).containsExactly(SchedulerSettings.SHARED_POOL, SAFETY);
        assertThat(settings.poolOf("stable_diffusion_xl")).isEqualTo(SchedulerSettings.SHARED_POOL);
        assertThat(settings.generationModels()).containsExactlyInAnyOrder("stable_diffusion_1_5", "stable_diffusion_xl");
    }

    @Test
    void modelSlotsAreOverriddenPerModelAndZeroSharesTheNodeSlotsAgain() throws IOException {
        SchedulerSettings resized = SchedulerProducer.settings(config("model-slots.nsfw_mobilenet_v2", "2",
                "model-slots.sd_upscaler", "1"));
        SchedulerSettings shared = SchedulerProducer.settings(config("model-slots.nsfw_mobilenet_v2", "0"));

        assertThat(resized.modelSlots()).isEqualTo(Map.of(SAFETY, 2, "sd_upscaler", 1));
        assertThat(resized.pools()).containsExactly(SchedulerSettings.SHARED_POOL, SAFETY, "sd_upscaler");
        assertThat(shared.pools()).containsExactly(SchedulerSettings.SHARED_POOL);
        assertThat(shared.poolOf(SAFETY)).isEqualTo(SchedulerSettings.SHARED_POOL);
    }

    /** application.properties under {@code heavyweight.balancer.} overrides given as key, value pairs. */
    private static BalancerConfig config(String... overrides) throws IOException {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put("heavyweight.balancer." + overrides[i], overrides[i + 1]);
        }
        URL file = Objects.requireNonNull(SchedulerSettingsConfigTest.class.getResource("/application.properties"));
        return new SmallRyeConfigBuilder()
                .withMapping(BalancerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(file, 250), new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(BalancerConfig.class);
    }
}
