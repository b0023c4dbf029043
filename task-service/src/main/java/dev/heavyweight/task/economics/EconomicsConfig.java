package dev.heavyweight.task.economics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where task-service collects the fleet's cost ledger from, and how long a report window may be. */
@ConfigMapping(prefix = "heavyweight.economics")
public interface EconomicsConfig {

    /** The balancer's HTTP base URL ({@code GET /v1/usage}); unset: nothing is collected and fleet cost reads 0. */
    @WithDefault("http://127.0.0.1:8084")
    Optional<String> balancerUrl();

    /** How often the ledger is read. */
    @WithDefault("10s")
    Duration collectInterval();

    /** Deadline of one read. */
    @WithDefault("5s")
    Duration collectTimeout();

    /** Longest window a report may cover. */
    @WithDefault("31d")
    Duration maxWindow();

    /** Currency the balancer's prices are in (reported as is). */
    @WithDefault("USD")
    String currency();
}
