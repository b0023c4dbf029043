package dev.heavyweight.emulator.config;

import dev.heavyweight.adminaccess.CidrBlock;
import io.grpc.Status;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How many emulated Triton nodes this process runs, where they listen and how they behave. Every per-node
 * value can be overridden for one node under {@code node."<index>".}, e.g.
 * {@code heavyweight.emulator.node."1".fail-rate=0.2}.
 */
@ConfigMapping(prefix = "heavyweight.emulator")
public interface EmulatorConfig {

    /** Interface the node gRPC servers bind to. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the first node; node i listens on base-port + i. */
    @WithDefault("8101")
    int basePort();

    /** Port of node 0's Triton-style metrics endpoint ({@code /metrics}); node i uses it + i; unset = none. */
    OptionalInt metricsBasePort();

    /** Number of emulated Triton nodes (one GPU each). */
    @WithDefault("2")
    int nodes();

    /** Execution slots per node (model instances); further requests wait in the node's FIFO queue. */
    @WithDefault("1")
    int slots();

    /** Relative GPU speed per node: node i uses speeds[i % size]; 2.0 finishes twice as fast. */
    @WithDefault("1.0")
    List<Double> speeds();

    /** Time one diffusion step takes on a node of speed 1.0. */
    @WithDefault("20ms")
    Duration stepTime();

    /** Jitter j: each request's duration is multiplied by a random factor in [1-j, 1+j] (0 = none). */
    @WithDefault("0")
    double stepJitter();

    /** Probability that a request fails with {@link #failStatus()} (fault injection; 0 = never). */
    @WithDefault("0")
    double failRate();

    /** gRPC status of injected failures. */
    @WithDefault("UNAVAILABLE")
    Status.Code failStatus();

    /** Whether every request hangs: accepted, never answered until the caller cancels or its deadline passes. */
    @WithDefault("false")
    boolean hang();

    /** Probability that a request hangs (fault injection; 0 = never). */
    @WithDefault("0")
    double hangRate();

    /** GPU power draw with no slot busy, in watts. */
    @WithDefault("60")
    double idleWatts();

    /** GPU power draw with every slot busy, in watts. */
    @WithDefault("300")
    double busyWatts();

    /** Reported GPU power limit in watts; unset = busy-watts. */
    OptionalDouble powerLimitWatts();

    /** Window over which GPU utilisation (busy fraction) and power draw are averaged, like Triton's interval. */
    @WithDefault("2s")
    Duration utilizationWindow();

    /** How many finished requests {@code /admin/executions} keeps; older ones are dropped first. */
    @WithDefault("100000")
    int executionsCapacity();

    /** Seed of the jitter and fault dice (node i uses seed + i) for repeatable runs; unset = random. */
    OptionalLong randomSeed();

    /**
     * Stable Diffusion tensors the nodes declare and accept under another name, as {@code old:new} (e.g.
     * {@code prompt:text}): a model repository that broke the platform's contract. Empty (the default) changes nothing.
     */
    Optional<List<String>> renamedTensors();

    /** Overrides for single nodes, keyed by node index. */
    Map<String, NodeOverride> node();

    /** Who may call the admin API. */
    Admin admin();

    /** The image-safety classifier every node serves for real, beside the emulated Stable Diffusion models. */
    SafetyModel safetyModel();

    /** nsfw_mobilenet_v2 on ONNX Runtime: one session for the process, run on a small pool of its own. */
    interface SafetyModel {

        /** Whether the nodes serve nsfw_mobilenet_v2 (false: it is an unknown model and nothing is loaded). */
        @WithDefault("true")
        boolean enabled();

        /** ONNX file to load instead of the copy of models/nsfw_mobilenet_v2/1/model.onnx packaged in the jar. */
        Optional<Path> path();

        /** ONNX Runtime intra-op threads of one inference. */
        @WithDefault("1")
        int threads();

        /** Inferences that run at once, over all nodes (threads of the safety pool). */
        @WithDefault("2")
        int concurrency();

        /** Inferences that may wait for a pool thread; beyond that a call is refused with UNAVAILABLE. */
        @WithDefault("64")
        int maxQueued();
    }

    /** The admin API crashes nodes and injects faults, so it answers only callers from trusted addresses. */
    interface Admin {

        /** Peer addresses (CIDR blocks or single addresses) whose /admin calls are served; others get 403. */
        @WithDefault("127.0.0.0/8,::1")
        List<CidrBlock> allowedCidrs();
    }

    /** Values that replace the fleet-wide ones for one node; each is optional. */
    interface NodeOverride {

        /** Execution slots of this node. */
        OptionalInt slots();

        /** Relative GPU speed of this node (replaces its entry in speeds). */
        OptionalDouble speed();

        /** Time one diffusion step takes on this node at speed 1.0. */
        Optional<Duration> stepTime();

        /** Duration jitter of this node. */
        OptionalDouble stepJitter();

        /** Probability that a request to this node fails. */
        OptionalDouble failRate();

        /** gRPC status of this node's injected failures. */
        Optional<Status.Code> failStatus();

        /** Whether every request to this node hangs. */
        Optional<Boolean> hang();

        /** Probability that a request to this node hangs. */
        OptionalDouble hangRate();

        /** Idle power draw of this node's GPU in watts. */
        OptionalDouble idleWatts();

        /** Full-load power draw of this node's GPU in watts. */
        OptionalDouble busyWatts();

        /** Reported power limit of this node's GPU in watts. */
        OptionalDouble powerLimitWatts();

        /** Whether this node starts ready (false: ServerReady false, inference refused until set ready). */
        Optional<Boolean> ready();

        /** Renamed Stable Diffusion tensors of this node ({@code old:new}), replacing the fleet-wide list. */
        Optional<List<String>> renamedTensors();
    }
}
