package dev.heavyweight.emulator.metrics;

import dev.heavyweight.emulator.config.EmulatorConfig;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When {@code metrics-base-port} is set, gives each node its own metrics port serving {@code GET /metrics},
 * the way every Triton pod serves its metrics on port 8002, so a scraper can be pointed at nodes exactly as
 * at real Triton pods. They run on a small Vert.x instance of their own, so that Quarkus's HTTP metrics
 * count only the emulator's own endpoints; rendering takes only short locks.
 */
@ApplicationScoped
public class NodeMetricsServers {

    private final EmulatorConfig config;
    private final NodeFleet fleet;
    private Vertx vertx;

    public NodeMetricsServers(EmulatorConfig config, NodeFleet fleet) {
        this.config = config;
        this.fleet = fleet;
    }

    void start(@Observes StartupEvent event) {
        if (config.metricsBasePort().isEmpty()) {
            return;
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        for (EmulatedNode node : fleet.nodes()) {
            int port = config.metricsBasePort().getAsInt() + node.index();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> serve(request, node));
            server.listen(port, config.host()).toCompletionStage().toCompletableFuture().join();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static void serve(HttpServerRequest request, EmulatedNode node) {
        if (request.method() == HttpMethod.GET && "/metrics".equals(request.path())) {
            request.response().putHeader("Content-Type", TritonMetricsWriter.CONTENT_TYPE)
                    .end(TritonMetricsWriter.write(node));
        } else {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("only GET /metrics is served here\n");
        }
    }
}
