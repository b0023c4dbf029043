package dev.heavyweight.moderation.image;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link FakeBalancer} on a free loopback port, enables the image engine and points the {@code balancer}
 * gRPC client at it (in test mode the client dials {@code test-port}).
 */
public class FakeBalancerResource implements QuarkusTestResourceLifecycleManager {

    private final FakeBalancer balancer = new FakeBalancer();
    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(GRPCInferenceServiceGrpc.bindService(balancer), balancer))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = String.valueOf(server.getPort());
        return Map.of(
                "quarkus.grpc.clients.balancer.host", "127.0.0.1",
                "quarkus.grpc.clients.balancer.port", port,
                "quarkus.grpc.clients.balancer.test-port", port,
                "heavyweight.moderation.image-engines", NsfwMobilenetEngine.NAME,
                "%test.heavyweight.moderation.image-engines", NsfwMobilenetEngine.NAME,
                "heavyweight.moderation.image.deadline", "1s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(balancer, new TestInjector.MatchesType(FakeBalancer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
