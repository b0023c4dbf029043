package dev.heavyweight.emulator.config;

import io.grpc.Status;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How many emulated Triton nodes this process runs, where they listen and how fast they are. */
@ConfigMapping(prefix = "heavyweight.emulator")
public interface EmulatorConfig {

    /** Interface the node gRPC servers bind to. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the first node; node i listens on base-port + i. */
    @WithDefault("8101")
    int basePort();

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

    /** Probability that a request fails with {@link #failStatus()} (fault injection; 0 = never). */
    @WithDefault("0")
    double failRate();

    /** gRPC status of injected failures. */
    @WithDefault("UNAVAILABLE")
    Status.Code failStatus();
}
