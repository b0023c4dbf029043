package dev.heavyweight.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How the worker consumes jobs, shares its slots and calls the balancer. */
@ConfigMapping(prefix = "heavyweight.worker")
public interface WorkerConfig {

    /** Identity reported in task events; defaults to {@code <hostname>-<pid>}. */
    Optional<String> id();

    /** Jobs running at once in this worker, both lanes together (also the interactive lane's prefetch). */
    @WithDefault("3")
    int slots();

    /** Most slots batch may hold (the batch prefetch); below {@code slots}, so interactive work always finds one. */
    @WithName("batch.max-slots")
    @WithDefault("1")
    int batchMaxSlots();

    /** Longest one inference call may take; a job's own earlier deadline cuts it shorter. */
    @WithDefault("5m")
    Duration inferenceTimeout();

    /** How long shutdown waits for running jobs before cancelling them and handing them back to their queue. */
    @WithDefault("30s")
    Duration shutdownGrace();

    /** Longest a readiness probe of the balancer or the bucket may take. */
    @WithDefault("3s")
    Duration readinessTimeout();

    /** How often the ready-message count of each lane queue is read from the broker. */
    @WithDefault("5s")
    Duration queueDepthInterval();

    /** Cancellations heard from task-service. */
    Cancellation cancellation();

    /** The check of every generated image by moderation-service before it is stored for its tenant. */
    ImageModeration imageModeration();

    /** Where this worker stores what its tenants must never see (the bucket is {@code heavyweight.storage.bucket}). */
    Storage storage();

    /** Remembered cancellations, so a job still queued when its task was cancelled is skipped. */
    interface Cancellation {

        /** How long a cancellation is remembered; longer than a job may sit in a lane queue. */
        @WithDefault("1h")
        Duration ttl();

        /** Most cancellations remembered at once; the oldest are forgotten first. */
        @WithDefault("100000")
        int maxEntries();
    }

    /** moderation-service's {@code ModerateImage}, called between PNG encoding and upload. */
    interface ImageModeration {

        /**
         * Whether images are moderated at all. Off only to benchmark the bare pipeline: every image is then
         * stored for its tenant unchecked.
         */
        @WithDefault("true")
        boolean enabled();

        /** Longest one ModerateImage call may take (a job's own earlier deadline cuts it shorter). */
        @WithDefault("10s")
        Duration deadline();
    }

    /** Object keys of the results bucket. */
    interface Storage {

        /** Prefix of blocked images, kept for review: {@code <prefix>tenants/{tenant}/tasks/{taskId}.png}. */
        @WithDefault("quarantine/")
        String quarantinePrefix();
    }
}
