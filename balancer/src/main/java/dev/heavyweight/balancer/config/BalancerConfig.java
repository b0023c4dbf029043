package dev.heavyweight.balancer.config;

import dev.heavyweight.adminaccess.CidrBlock;
import dev.heavyweight.balancer.scheduler.PolicyName;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the Triton nodes are, how they are watched and called, and how requests are admitted to them. */
@ConfigMapping(prefix = "heavyweight.balancer")
public interface BalancerConfig {

    enum Discovery { STATIC, DNS }

    /** Where nodes come from: {@code static} (the {@code nodes} list) or {@code dns} (a headless Service). */
    @WithDefault("static")
    Discovery discovery();

    /** Static nodes as {@code host:port} of their KServe v2 gRPC endpoint. */
    @WithDefault("127.0.0.1:8101,127.0.0.1:8102")
    List<String> nodes();

    /** DNS name whose A/AAAA records are the nodes (required with {@code discovery=dns}). */
    Optional<String> dnsName();

    /** gRPC port of the nodes found through DNS. */
    @WithDefault("8001")
    int dnsPort();

    /** How often the DNS name is resolved again; new addresses join, vanished ones drain and leave. */
    @WithDefault("10s")
    Duration dnsRefresh();

    /** Dispatch policy: {@code least-loaded} (free-slot admission), {@code round-robin} or {@code random}. */
    @WithDefault("least-loaded")
    PolicyName policy();

    /** Concurrent executions per node (Triton model instances on its GPU) of every model without model-slots. */
    @WithDefault("1")
    int slotsPerNode();

    /** Per-node overrides of {@code slots-per-node}, keyed by {@code "host:port"}. */
    Map<String, Integer> nodeSlots();

    /**
     * Models whose executions have a slot pool of their own on every node (their own Triton instance group), with
     * its size, keyed by model; 0 puts a model back into the shared slots. Default (application.properties):
     * {@code nsfw_mobilenet_v2=4}.
     */
    Map<String, Integer> modelSlots();

    /** Models whose readiness is polled on every node; a node gets a model's requests only while it is ready. */
    @WithDefault("stable_diffusion_1_5,stable_diffusion_xl,nsfw_mobilenet_v2")
    List<String> models();

    /** Requests that may wait for a free slot; more are refused with RESOURCE_EXHAUSTED. */
    @WithDefault("1000")
    int maxQueue();

    /** Attempts per request on distinct nodes when a node is unavailable. */
    @WithDefault("3")
    int maxAttempts();

    /** How often every node's ServerReady and ModelReady are polled. */
    @WithDefault("1s")
    Duration healthInterval();

    /** A poll not answered within this counts as failed. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** Consecutive failed polls, or consecutive failed requests, that eject a node. */
    @WithDefault("3")
    int ejectAfter();

    /** An ejected node is readmitted by the first good poll at least this long after its ejection. */
    @WithDefault("5s")
    Duration readmitAfter();

    /** Successful requests a readmitted node serves on one slot before it gets all its slots back. */
    @WithDefault("3")
    int readmitSuccesses();

    /** Weight of the newest sample in the per-node, per-model service-time average (0 < alpha <= 1). */
    @WithDefault("0.3")
    double ewmaAlpha();

    /** Service-time estimate of a node for a model it has not served yet. */
    @WithDefault("2s")
    Duration initialServiceTime();

    /** Deadline of a forwarded ModelInfer when the caller set none. */
    @WithDefault("5m")
    Duration inferTimeout();

    /** Deadline of forwarded ModelReady and ModelMetadata calls when the caller set none. */
    @WithDefault("10s")
    Duration metadataTimeout();

    /** Who may call the admin API. */
    Admin admin();

    /** The admin API changes routing (drain), so it answers only callers from trusted addresses. */
    interface Admin {

        /** Peer addresses (CIDR blocks or single addresses) whose /admin calls are served; others get 403. */
        @WithDefault("127.0.0.0/8,::1")
        List<CidrBlock> allowedCidrs();
    }
}
