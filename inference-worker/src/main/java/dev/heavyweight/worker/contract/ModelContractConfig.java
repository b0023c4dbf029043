package dev.heavyweight.worker.contract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The check, at start, that the models behind the balancer are the ones this worker knows how to call. */
@ConfigMapping(prefix = "heavyweight.worker.model-contract")
public interface ModelContractConfig {

    /** Models checked (ModelMetadata against the contract, then a warm-up inference) before the worker is ready. */
    @WithDefault("stable_diffusion_1_5,stable_diffusion_xl")
    List<String> models();

    /** Longest one ModelMetadata call may take. */
    @WithDefault("10s")
    Duration metadataTimeout();

    /** Longest one warm-up inference may take (it may queue behind jobs in the balancer). */
    @WithDefault("2m")
    Duration warmUpTimeout();

    /** Wait before the first retry of a failed check; it doubles on every further failure. */
    @WithDefault("1s")
    Duration retryInitial();

    /** Longest wait between retries. */
    @WithDefault("15s")
    Duration retryMax();
}
