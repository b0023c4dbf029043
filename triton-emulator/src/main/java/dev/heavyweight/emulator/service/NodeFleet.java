package dev.heavyweight.emulator.service;

import dev.heavyweight.emulator.config.EmulatorConfig;
import dev.heavyweight.emulator.config.NodeOverrides;
import dev.heavyweight.emulator.metrics.EmulatorMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The emulated nodes of this process, built from configuration, with the threads they share. */
@ApplicationScoped
public class NodeFleet {

    private final List<EmulatedNode> nodes;
    private final ScheduledExecutorService timer;
    private final ExecutorService renderer;

    public NodeFleet(EmulatorConfig config, ImageGenerator generator, ExecutionLog log, EmulatorMetrics metrics,
                     SafetyRunner safety) {
        NodeOverrides.check(config);
        timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("emulator-timer"));
        renderer = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("emulator-render"));
        ExecutionTimer delays = duration -> {
            CompletableFuture<Void> elapsed = new CompletableFuture<>();
            timer.schedule(() -> elapsed.complete(null), duration.toNanos(), TimeUnit.NANOSECONDS);
            return elapsed;
        };
        NodeRuntime runtime = new NodeRuntime(generator, delays, renderer, NodeClock.system(),
                config.utilizationWindow(), execution -> {
                    log.add(execution);
                    metrics.request(execution);
                }, safety);
        List<EmulatedNode> built = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            Random random = config.randomSeed().isPresent() ? new Random(config.randomSeed().getAsLong() + i)
                    : new Random();
            built.add(new EmulatedNode(i, config.host() + ":" + (config.basePort() + i),
                    NodeOverrides.settings(config, i), random, runtime));
        }
        nodes = List.copyOf(built);
    }

    public List<EmulatedNode> nodes() {
        return nodes;
    }

    /** The node with this index, if there is one. */
    public Optional<EmulatedNode> node(int index) {
        return index >= 0 && index < nodes.size() ? Optional.of(nodes.get(index)) : Optional.empty();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        renderer.shutdown();
        try {
            renderer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
