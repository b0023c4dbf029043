package dev.heavyweight.emulator.service;

import dev.heavyweight.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;

import java.util.ArrayList;
import java.util.List;
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

    public NodeFleet(EmulatorConfig config, ImageGenerator generator) {
        if (config.nodes() < 1) {
            throw new IllegalArgumentException("heavyweight.emulator.nodes must be at least 1, was " + config.nodes());
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("emulator-timer"));
        renderer = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("emulator-render"));
        ExecutionTimer delays = duration -> {
            CompletableFuture<Void> elapsed = new CompletableFuture<>();
            timer.schedule(() -> elapsed.complete(null), duration.toNanos(), TimeUnit.NANOSECONDS);
            return elapsed;
        };
        List<EmulatedNode> built = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            double speed = config.speeds().get(i % config.speeds().size());
            NodeFaults faults = new NodeFaults(config.failRate(), config.failStatus());
            built.add(new EmulatedNode(config.host() + ":" + (config.basePort() + i), config.slots(), speed,
                    config.stepTime(), generator, delays, renderer, faults));
        }
        nodes = List.copyOf(built);
    }

    public List<EmulatedNode> nodes() {
        return nodes;
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
