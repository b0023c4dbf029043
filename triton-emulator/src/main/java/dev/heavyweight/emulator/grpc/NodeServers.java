package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.emulator.config.EmulatorConfig;
import dev.heavyweight.emulator.metrics.EmulatorMetrics;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.runtime.ApplicationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plain gRPC server per emulated node, each on its own port like a separate Triton pod. They are
 * not Quarkus gRPC services because Quarkus serves every service on a single port.
 */
@ApplicationScoped
public class NodeServers {

    /** A 1024×1024 RGB image alone is 3 MiB; Triton clients raise the 4 MiB default the same way. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(NodeServers.class);

    private final EmulatorConfig config;
    private final NodeFleet fleet;
    private final EmulatorMetrics metrics;
    private final String version;
    private final List<Server> servers = new ArrayList<>();

    public NodeServers(EmulatorConfig config, NodeFleet fleet, EmulatorMetrics metrics,
                       ApplicationConfig application) {
        this.config = config;
        this.fleet = fleet;
        this.metrics = metrics;
        this.version = application.version().orElse("dev");
    }

    void start(@Observes StartupEvent event) {
        List<EmulatedNode> nodes = fleet.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            EmulatedNode node = nodes.get(i);
            InetSocketAddress address = new InetSocketAddress(config.host(), config.basePort() + i);
            Server server = NettyServerBuilder.forAddress(address)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addService(GRPCInferenceServiceGrpc.bindService(new NodeInferenceService(node, metrics, version)))
                    .build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start emulated node on " + address, e);
            }
            synchronized (servers) {
                servers.add(server);
            }
            metrics.register(node);
            node.ready(true);
            LOG.infof("emulated Triton node %s serving (slots %d, speed %.2f)",
                    node.name(), node.slots(), node.speed());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        fleet.nodes().forEach(node -> node.ready(false));
        List<Server> running;
        synchronized (servers) {
            running = List.copyOf(servers);
            servers.clear();
        }
        running.forEach(Server::shutdown);
        for (Server server : running) {
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once every node's server accepts calls. */
    public boolean allStarted() {
        synchronized (servers) {
            return servers.size() == fleet.nodes().size();
        }
    }
}
