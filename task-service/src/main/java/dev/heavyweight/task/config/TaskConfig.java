package dev.heavyweight.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How task-service accepts, enqueues, retries and expires tasks. */
@ConfigMapping(prefix = "heavyweight.task")
public interface TaskConfig {

    /** How long after submission a task may still start; becomes the job's deadline. */
    @WithDefault("1h")
    Duration ttl();

    /** Executions a task is allowed in all; a transient failure of the last one ends it FAILED. */
    @WithDefault("3")
    int maxAttempts();

    /** First delay before a retried attempt is put back on its lane (doubles per attempt, full jitter). */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Longest delay before a retried attempt is put back on its lane. */
    @WithDefault("1m")
    Duration retryBackoffMax();

    /** Tier of tenants not named in {@code tenant-tiers}. */
    @WithDefault("standard")
    String defaultTier();

    /** Tier of each tenant ({@code heavyweight.task.tenant-tiers.<tenant>=<tier>}); empty by default. */
    Map<String, String> tenantTiers();

    /** Priority (0..10) of a first attempt per tier ({@code heavyweight.task.tier-priorities.<tier>=<n>}). */
    Map<String, Integer> tierPriorities();

    /** Worker event consumption. */
    Events events();

    /** The prompt-moderation call. */
    Moderation moderation();

    /** The outbox relay. */
    Outbox outbox();

    /** The sweeper that expires tasks whose deadline passed before they started. */
    Expiry expiry();

    interface Events {

        /** Worker events task-service works on at once (unacknowledged deliveries). */
        @WithDefault("32")
        int prefetch();
    }

    interface Moderation {

        /** Longest wait for moderation-service's verdict on a prompt. */
        @WithDefault("5s")
        Duration deadline();
    }

    interface Outbox {

        /** Most rows one claim takes. */
        @WithDefault("100")
        int batchSize();

        /** Most rows in work at once (moderation calls and unconfirmed publishes in flight). */
        @WithDefault("64")
        int concurrency();

        /** Pause between scans for due rows while no submission wakes the relay. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a claimed row belongs to its relay before another may take it over. */
        @WithDefault("1m")
        Duration lease();

        /** First delay before a failed row is tried again (doubles per failure, full jitter). */
        @WithDefault("1s")
        Duration backoff();

        /** Longest delay before a failed row is tried again. */
        @WithDefault("1m")
        Duration backoffMax();

        /** How often {@code heavyweight_outbox_pending} is read from the table. */
        @WithDefault("5s")
        Duration pendingRefresh();
    }

    interface Expiry {

        /** Pause between sweeps for waiting tasks past their deadline. */
        @WithDefault("5s")
        Duration interval();

        /** Most tasks one sweep expires before it looks again. */
        @WithDefault("200")
        int batchSize();
    }
}
