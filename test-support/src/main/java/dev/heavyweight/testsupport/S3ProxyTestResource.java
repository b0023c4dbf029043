package dev.heavyweight.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Runs a real S3 server for a {@code @QuarkusTest} and points quarkus-amazon-s3 at it.
 * Use with {@code @QuarkusTestResource(S3ProxyTestResource.class)}.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = S3ProxyServer.start(Files.createTempDirectory("heavyweight-s3-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.quarkusConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(S3ProxyServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
