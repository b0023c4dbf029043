package dev.heavyweight.worker.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;

/**
 * Runs blocking calls and CPU-heavy work (PNG encoding, the sync S3 client) on Vert.x worker threads
 * and delivers the result back on the caller's context, so no event loop ever waits on them.
 */
@ApplicationScoped
public class BlockingExecutor {

    private final Vertx vertx;

    BlockingExecutor(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Callable<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = vertx.getOrCreateContext();
            return Uni.createFrom().completionStage(context.executeBlocking(work, false).toCompletionStage());
        });
    }
}
