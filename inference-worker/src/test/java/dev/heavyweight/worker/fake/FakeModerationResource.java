package dev.heavyweight.worker.fake;

import dev.heavyweight.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeModeration} on a free port and points the worker's {@code moderation} gRPC client at it. */
public class FakeModerationResource implements QuarkusTestResourceLifecycleManager {

    private FakeModeration moderation;

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        moderation = FakeModeration.start(port);
        return Map.of(
                "quarkus.grpc.clients.moderation.host", "127.0.0.1",
                "quarkus.grpc.clients.moderation.port", String.valueOf(port),
                // In the test profile a gRPC client dials its test-port, not its port.
                "quarkus.grpc.clients.moderation.test-port", String.valueOf(port));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(moderation, new TestInjector.MatchesType(FakeModeration.class));
    }

    @Override
    public void stop() {
        if (moderation != null) {
            try {
                moderation.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
