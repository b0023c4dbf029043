package dev.heavyweight.balancer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Which Triton nodes the balancer forwards to, and how it watches and calls them. */
@ConfigMapping(prefix = "heavyweight.balancer")
public interface BalancerConfig {

    /** Triton nodes as {@code host:port} of their KServe v2 gRPC endpoint. */
    @WithDefault("127.0.0.1:8101,127.0.0.1:8102")
    List<String> nodes();

    /** How often every node's ServerReady is polled. */
    @WithDefault("1s")
    Duration healthInterval();

    /** A ServerReady poll not answered within this marks the node not ready. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** Deadline of a forwarded ModelInfer when the caller set none. */
    @WithDefault("5m")
    Duration inferTimeout();

    /** Deadline of forwarded ModelReady and ModelMetadata calls when the caller set none. */
    @WithDefault("10s")
    Duration metadataTimeout();
}
