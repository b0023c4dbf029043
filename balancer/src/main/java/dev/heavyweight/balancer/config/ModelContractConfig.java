package dev.heavyweight.balancer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The model contract check of every node: before a node gets a Stable Diffusion model's work, its ModelMetadata
 * must declare the tensors the platform uses and one warm-up inference must succeed.
 */
@ConfigMapping(prefix = "heavyweight.balancer.model-contract")
public interface ModelContractConfig {

    /** Whether nodes are checked at all (false: a ready model takes work as soon as ModelReady says so). */
    @WithDefault("true")
    boolean enabled();

    /** Longest the warm-up inference may take; the first one also loads the model onto the GPU. */
    @WithDefault("2m")
    Duration warmUpTimeout();
}
