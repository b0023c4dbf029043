package dev.heavyweight.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How the worker consumes jobs and calls the balancer. */
@ConfigMapping(prefix = "heavyweight.worker")
public interface WorkerConfig {

    /** Identity reported in task events; defaults to {@code <hostname>-<pid>}. */
    Optional<String> id();

    /** Jobs of the interactive lane handled at once (the lane consumer's prefetch). */
    @WithName("interactive.concurrency")
    @WithDefault("2")
    int interactiveConcurrency();

    /** Jobs of the batch lane handled at once; kept low so interactive work always finds a free consumer. */
    @WithName("batch.concurrency")
    @WithDefault("1")
    int batchConcurrency();

    /** Longest one inference call may take; a job's own earlier deadline cuts it shorter. */
    @WithDefault("5m")
    Duration inferenceTimeout();

    /** How long shutdown waits for jobs in flight before handing them back to their queue. */
    @WithDefault("30s")
    Duration shutdownGrace();

    /** Longest a readiness probe of the balancer or the bucket may take. */
    @WithDefault("3s")
    Duration readinessTimeout();
}
