package dev.heavyweight.worker.contract;

import dev.heavyweight.testsupport.FreePorts;
import dev.heavyweight.worker.fake.FakeBalancer;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The start-up check against a KServe v2 peer standing in for the balancer, with the contract broken and fixed. */
class ModelContractVerifierTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeBalancer balancer;
    private ManagedChannel channel;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        int port = FreePorts.next();
        balancer = FakeBalancer.start(port);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        balancer.close();
    }

    @Test
    void matchingModelsAreReadyAfterOneWarmUpEach() {
        ModelContractVerifier verifier = verifier(List.of("stable_diffusion_1_5", "stable_diffusion_xl"));
        verifier.start();

        Map<String, ModelCheck> checks = verifier.checks(WAIT).await().atMost(WAIT);
        assertThat(checks).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().detail())
                .containsExactly("stable_diffusion_1_5=ok", "stable_diffusion_xl=ok");
        assertThat(verifier.ready()).isTrue();
        assertThat(balancer.warmUps()).isEqualTo(2);
        assertThat(gauge("ready", "stable_diffusion_xl")).isEqualTo(1.0);
    }

    @Test
    void aRenamedInputKeepsTheModelUnreadyNamingTheDifferenceUntilARetryFindsItFixed() {
        balancer.renameInput("prompt", "text");
        ModelContractVerifier verifier = verifier(List.of("stable_diffusion_1_5"));
        verifier.start();

        ModelCheck check = verifier.checks(WAIT).await().atMost(WAIT).get("stable_diffusion_1_5");
        assertThat(check.ok()).isFalse();
        assertThat(check.detail())
                .isEqualTo("contract mismatch: input prompt: missing (node has: text, negative_prompt)");
        assertThat(balancer.warmUps()).as("no warm-up of a model that does not match").isZero();
        assertThat(gauge("ready", "stable_diffusion_1_5")).isEqualTo(0.0);
        assertThat(gauge("mismatches", "stable_diffusion_1_5")).isEqualTo(1.0);

        balancer.renameInput("prompt", "prompt");
        await().until(verifier::ready);
        assertThat(gauge("ready", "stable_diffusion_1_5")).isEqualTo(1.0);
        assertThat(gauge("mismatches", "stable_diffusion_1_5")).isEqualTo(0.0);
    }

    @Test
    void aFailedWarmUpOrUnknownModelSaysWhatFailed() {
        balancer.mode(FakeBalancer.Mode.UNAVAILABLE);
        ModelContractVerifier verifier = verifier(List.of("no_such_model"));
        verifier.start();

        assertThat(verifier.checks(WAIT).await().atMost(WAIT).get("no_such_model").detail())
                .startsWith("contract failed: no contract known for model 'no_such_model'");
    }

    private ModelContractVerifier verifier(List<String> models) {
        ModelContractConfig config = new ModelContractConfig() {
            @Override
            public List<String> models() {
                return models;
            }

            @Override
            public Duration metadataTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration warmUpTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration retryInitial() {
                return Duration.ofMillis(50);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofMillis(200);
            }
        };
        return new ModelContractVerifier(new ModelContractClient(channel, config), config, registry);
    }

    private double gauge(String name, String model) {
        return registry.get("heavyweight.model.contract." + name).tag("model", model).gauge().value();
    }
}
