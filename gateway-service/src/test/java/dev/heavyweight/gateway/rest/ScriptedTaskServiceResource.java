package dev.heavyweight.gateway.rest;

import dev.heavyweight.contracts.task.TaskServiceGrpc;
import dev.heavyweight.testsupport.FreePorts;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Serves a {@link ScriptedTaskService} on a free loopback port and points the gateway's tasks client at it. */
public class ScriptedTaskServiceResource implements QuarkusTestResourceLifecycleManager {

    private final ScriptedTaskService service = new ScriptedTaskService();
    private Server server;

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(TaskServiceGrpc.bindService(service))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // In test mode the gRPC client dials test-port, not port.
        return Map.of("quarkus.grpc.clients.tasks.host", "127.0.0.1",
                "quarkus.grpc.clients.tasks.test-port", String.valueOf(port));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(service, new TestInjector.MatchesType(ScriptedTaskService.class));
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
