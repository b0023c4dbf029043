package dev.heavyweight.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * What each tier gets ({@code heavyweight.task.tiers.<tier>.*}); application.properties ships {@code free},
     * {@code standard} and {@code pro}. A tier states all four values: a half-configured tier fails the start.
     */
    Map<String, Tier> tiers();

    /** How submissions over a limit are answered. */
    Limits limits();

    /** Idempotency keys of submissions. */
    Idempotency idempotency();

    /** Webhooks: which targets are allowed, how deliveries are signed, timed out and retried. */
    Webhooks webhooks();

    /** Worker event consumption. */
    Events events();

    /** The prompt-moderation call. */
    Moderation moderation();

    /** The outbox relay. */
    Outbox outbox();

    /** The sweeper that expires tasks whose deadline passed before they started. */
    Expiry expiry();

    interface Tier {

        /** AMQP priority (0..10) of a first attempt inside its lane; every retry adds one. */
        int priority();

        /** Submissions per second the tenant's token bucket refills (fractions allowed). */
        double rate();

        /** Size of the token bucket: submissions allowed at once after a quiet period. */
        int burst();

        /** Most ACCEPTED, QUEUED and RUNNING tasks the tenant may have at once. */
        int maxUnfinished();
    }

    interface Limits {

        /** Retry-After hint for a submission refused because the tenant is at its cap on unfinished tasks. */
        @WithDefault("5s")
        Duration unfinishedRetryAfter();
    }

    interface Idempotency {

        /** How long a key is kept (and a repeat replays the original task); at least a day by contract. */
        @WithDefault("24h")
        Duration retention();

        /** Pause between sweeps that delete keys older than the retention. */
        @WithDefault("10m")
        Duration sweepInterval();
    }

    interface Webhooks {

        /** Host names, IP addresses or CIDR ranges a webhook may reach although private or loopback; none by default. */
        Optional<List<String>> allowedHosts();

        /** Key each tenant's signing secret is derived from (HMAC-SHA256 of the tenant); override it in production. */
        @WithDefault("heavyweight-dev-only-webhook-signing-key")
        String signingKey();

        /** Signing secrets of particular tenants ({@code whsec_} + base64), instead of the derived ones. */
        Map<String, String> tenantSecrets();

        /** Longest wait for a receiver's TCP (and TLS) connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for a receiver's answer to one delivery attempt. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Delay before the second attempt of a failing delivery (doubles per attempt, full jitter). */
        @WithDefault("5s")
        Duration backoff();

        /** Longest delay between two attempts of a failing delivery. */
        @WithDefault("10m")
        Duration backoffMax();

        /** How long after the task ended a failing delivery is retried before it is given up (state failed). */
        @WithDefault("24h")
        Duration giveUpAfter();
    }

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
