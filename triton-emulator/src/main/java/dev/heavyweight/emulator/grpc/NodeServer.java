package dev.heavyweight.emulator.grpc;

import dev.heavyweight.emulator.service.EmulatedNode;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server of one emulated node, which can crash (connections reset, port closed, work lost) and
 * come back on the same port, like a Triton pod that dies and restarts.
 */
final class NodeServer {

    /** A 1024×1024 RGB image alone is 3 MiB; Triton clients raise the 4 MiB default the same way. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final EmulatedNode node;
    private final InetSocketAddress address;
    private final ServerServiceDefinition service;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private Server server;
    private volatile ConnectionTrackingChannel listener;
    private long crashes;
    private Long restoreAtMs;

    NodeServer(EmulatedNode node, InetSocketAddress address, ServerServiceDefinition service, EventLoopGroup boss,
               EventLoopGroup workers) {
        this.node = node;
        this.address = address;
        this.service = service;
        this.boss = boss;
        this.workers = workers;
    }

    synchronized void start() {
        Server built = NettyServerBuilder.forAddress(address)
                .channelFactory(() -> listener = new ConnectionTrackingChannel())
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(ServerInterceptors.intercept(service, new TraceMetadata()))
                .build();
        try {
            server = built.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start emulated node on " + address, e);
        }
    }

    /**
     * Crashes the node: its work is lost, its connections reset and its port closed. Returns the crash's
     * number, which a timed restore passes back so that it cannot end a later crash.
     */
    synchronized long crash(Long restoreAtMs) {
        crashes++;
        this.restoreAtMs = restoreAtMs;
        if (server != null) {
            // Work is dropped first, so it is recorded as lost to the crash rather than cancelled by the resets.
            node.crash();
            listener.close().awaitUninterruptibly();
            listener.resetConnections();
            server.shutdownNow();
            awaitTermination(server);
            server = null;
        }
        return crashes;
    }

    /** Brings a crashed node back on its port; {@code crash} 0 restores whatever crash is current. */
    synchronized void restore(long crash) {
        if (server != null || crash != 0 && crash != crashes) {
            return;
        }
        node.restore();
        try {
            start();
        } catch (UncheckedIOException e) {
            node.crash();
            throw e;
        }
        restoreAtMs = null;
    }

    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            if (!awaitTermination(server)) {
                server.shutdownNow();
            }
            server = null;
        }
    }

    synchronized boolean serving() {
        return server != null;
    }

    /** When a timed crash ends, epoch milliseconds; null while serving or crashed until restored. */
    synchronized Long restoreAtMs() {
        return restoreAtMs;
    }

    private static boolean awaitTermination(Server server) {
        try {
            return server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
