package dev.heavyweight.worker.fake;

import dev.heavyweight.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeBalancer} on a free port and points the worker's {@code balancer} gRPC client at it. */
public class FakeBalancerResource implements QuarkusTestResourceLifecycleManager {

    private FakeBalancer balancer;

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        balancer = FakeBalancer.start(port);
        return Map.of(
                "quarkus.grpc.clients.balancer.host", "127.0.0.1",
                "quarkus.grpc.clients.balancer.port", String.valueOf(port),
                // In the test profile a gRPC client dials its test-port, not its port.
                "quarkus.grpc.clients.balancer.test-port", String.valueOf(port));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(balancer, new TestInjector.MatchesType(FakeBalancer.class));
    }

    @Override
    public void stop() {
        if (balancer != null) {
            try {
                balancer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
