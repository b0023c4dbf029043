package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.emulator.config.EmulatorConfig;
import dev.heavyweight.emulator.config.NodeOverrides;
import dev.heavyweight.emulator.metrics.EmulatorMetrics;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quarkus.runtime.ApplicationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plain gRPC server per emulated node, each on its own port like a separate Triton pod, and crashes
 * and restores them on request. They are not Quarkus gRPC services because Quarkus serves every service on
 * a single port.
 */
@ApplicationScoped
public class NodeServers {

    static final int MAX_MESSAGE_BYTES = NodeServer.MAX_MESSAGE_BYTES;
    private static final Logger LOG = Logger.getLogger(NodeServers.class);

    private final EmulatorConfig config;
    private final NodeFleet fleet;
    private final EmulatorMetrics metrics;
    private final String version;
    private final List<NodeServer> servers = new ArrayList<>();
    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("emulator-accept", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("emulator-grpc", true));
    private final ScheduledExecutorService restorer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "emulator-restore");
        thread.setDaemon(true);
        return thread;
    });

    public NodeServers(EmulatorConfig config, NodeFleet fleet, EmulatorMetrics metrics, ApplicationConfig application) {
        this.config = config;
        this.fleet = fleet;
        this.metrics = metrics;
        this.version = application.version().orElse("dev");
    }

    void start(@Observes StartupEvent event) {
        for (EmulatedNode node : fleet.nodes()) {
            InetSocketAddress address = new InetSocketAddress(config.host(), config.basePort() + node.index());
            TensorRenames renames = TensorRenames.parse(NodeOverrides.renamedTensors(config, node.index()));
            NodeServer server = new NodeServer(node, address,
                    GRPCInferenceServiceGrpc.bindService(new NodeInferenceService(node, version, renames)), boss,
                    workers);
            server.start();
            synchronized (servers) {
                servers.add(server);
            }
            metrics.register(node);
            LOG.infof("emulated Triton node %s serving (slots %d, speed %.2f, ready %s)",
                    node.name(), node.slots(), node.speed(), node.ready());
            if (!renames.isEmpty()) {
                LOG.warnf("emulated Triton node %s declares renamed tensors %s: it breaks the platform's model "
                        + "contract on purpose", node.name(), NodeOverrides.renamedTensors(config, node.index()));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        restorer.shutdownNow();
        fleet.nodes().forEach(node -> node.ready(false));
        all().forEach(NodeServer::stop);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * Crashes node {@code index}: in-flight work is lost, connections are reset and the port refuses new
     * ones, until {@link #restore} or, if {@code downFor} is given, until that time has passed.
     */
    public void crash(int index, Optional<Duration> downFor) {
        NodeServer server = server(index);
        Long restoreAtMs = downFor.map(d -> System.currentTimeMillis() + d.toMillis()).orElse(null);
        long crash = server.crash(restoreAtMs);
        LOG.infof("emulated node %s crashed%s", fleet.nodes().get(index).name(),
                downFor.map(d -> " for " + d.toMillis() + " ms").orElse(" until restored"));
        downFor.ifPresent(d -> restorer.schedule(() -> restoreQuietly(server, crash), d.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** Brings a crashed node back on the same port; a node that serves is left alone. */
    public void restore(int index) {
        server(index).restore(0);
    }

    /** Whether node {@code index}'s server accepts calls (it is not crashed). */
    public boolean serving(int index) {
        return server(index).serving();
    }

    /** When node {@code index}'s timed crash ends (epoch ms), or empty. */
    public Optional<Long> restoreAtMs(int index) {
        return Optional.ofNullable(server(index).restoreAtMs());
    }

    /** True once every node's server has been started (a crash later is an emulated fault, not the emulator's). */
    public boolean allStarted() {
        return all().size() == fleet.nodes().size();
    }

    private void restoreQuietly(NodeServer server, long crash) {
        try {
            server.restore(crash);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not restore a crashed emulated node");
        }
    }

    private NodeServer server(int index) {
        synchronized (servers) {
            if (index < 0 || index >= servers.size()) {
                throw new IllegalStateException("no running server for node " + index);
            }
            return servers.get(index);
        }
    }

    private List<NodeServer> all() {
        synchronized (servers) {
            return List.copyOf(servers);
        }
    }
}
