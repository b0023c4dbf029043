package dev.heavyweight.emulator.service;

import dev.heavyweight.emulator.config.EmulatorConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs the safety model for every node of the process: one ONNX Runtime session, a few threads of its own and
 * a bounded queue in front of them. It never touches a node's Stable Diffusion slots (Triton gives each model
 * its own instances) nor the gRPC event loops. Loaded at startup, so a missing or wrong model fails it.
 */
@Startup
@ApplicationScoped
public class SafetyRunner {

    private final Optional<SafetyClassifier> classifier;
    private final ThreadPoolExecutor pool;

    @Inject
    public SafetyRunner(EmulatorConfig config) {
        this(config.safetyModel().enabled()
                        ? Optional.of(SafetyClassifier.load(config.safetyModel().path(), config.safetyModel().threads()))
                        : Optional.empty(),
                config.safetyModel().concurrency(), config.safetyModel().maxQueued());
    }

    /** A runner of {@code classifier}, or one that serves no safety model when it is empty. */
    public SafetyRunner(Optional<SafetyClassifier> classifier, int concurrency, int maxQueued) {
        if (concurrency < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("heavyweight.emulator.safety-model.concurrency must be at least 1 and "
                    + "max-queued at least 1, were " + concurrency + " and " + maxQueued);
        }
        this.classifier = classifier;
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxQueued),
                task -> {
                    Thread thread = new Thread(task, "emulator-safety-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether the nodes serve the safety model. */
    public boolean enabled() {
        return classifier.isPresent();
    }

    /**
     * Classifies {@code rgb} when a thread is free. {@code start} is asked first; if it answers false (the caller
     * left while the job waited) nothing runs and the result is cancelled.
     *
     * @throws RejectedExecutionException when the queue is full
     */
    CompletableFuture<float[]> submit(byte[] rgb, BooleanSupplier start) {
        SafetyClassifier model = classifier.orElseThrow(() -> new IllegalStateException("the safety model is disabled"));
        CompletableFuture<float[]> result = new CompletableFuture<>();
        pool.execute(() -> {
            if (!start.getAsBoolean()) {
                result.cancel(false);
                return;
            }
            try {
                result.complete(model.classify(rgb));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        classifier.ifPresent(SafetyClassifier::close);
    }
}
