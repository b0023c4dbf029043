package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.tensor.RgbImage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One emulated GPU node: a fixed number of execution slots and a FIFO queue in front of them, as Triton
 * runs one model instance per slot. A request holds its slot for {@code steps × stepTime / speed} (or
 * as long as rendering its image takes, if longer); the wait is a timer, so no thread is parked per request.
 */
public final class EmulatedNode {

    private final String name;
    private final int slots;
    private final double speed;
    private final Duration stepTime;
    private final ImageGenerator generator;
    private final ExecutionTimer timer;
    private final Executor renderer;
    private final NodeFaults faults;
    private final Deque<Job> queue = new ArrayDeque<>();
    private int busySlots;
    private long waitedTotal;
    private long completedTotal;
    private volatile boolean ready;

    public EmulatedNode(String name, int slots, double speed, Duration stepTime, ImageGenerator generator,
                        ExecutionTimer timer, Executor renderer, NodeFaults faults) {
        if (slots < 1) {
            throw new IllegalArgumentException("a node needs at least one slot, got " + slots);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("node speed must be positive, got " + speed);
        }
        this.name = name;
        this.slots = slots;
        this.speed = speed;
        this.stepTime = stepTime;
        this.generator = generator;
        this.timer = timer;
        this.renderer = renderer;
        this.faults = faults;
    }

    /**
     * Queues a request and returns its image once it has run. Cancelling the returned future takes a
     * request that still waits out of the queue; one already running keeps its slot until it ends, as a GPU would.
     */
    public CompletableFuture<RgbImage> submit(GenerationRequest request) {
        Job job = new Job(request, new CompletableFuture<>());
        boolean startNow;
        synchronized (this) {
            startNow = busySlots < slots;
            if (startNow) {
                busySlots++;
            } else {
                queue.addLast(job);
                waitedTotal++;
            }
        }
        if (startNow) {
            run(job);
        } else {
            job.result.whenComplete((image, failure) -> {
                if (job.result.isCancelled()) {
                    withdraw(job);
                }
            });
        }
        return job.result;
    }

    /** How long a request of {@code steps} diffusion steps occupies a slot on this node. */
    public Duration executionTime(int steps) {
        return Duration.ofNanos(Math.round(steps * stepTime.toNanos() / speed));
    }

    private void run(Job job) {
        GenerationRequest r = job.request;
        CompletableFuture<RgbImage> image = CompletableFuture.supplyAsync(
                () -> generator.render(r.prompt(), r.negativePrompt(), r.seed(), r.width(), r.height()), renderer);
        CompletableFuture<Void> elapsed = timer.after(executionTime(r.steps()));
        // Completing on the render pool keeps response serialisation off the single timer thread.
        image.thenCombine(elapsed, (rendered, ignored) -> rendered).whenCompleteAsync((rendered, failure) -> {
            Job next = release();
            if (failure != null) {
                job.result.completeExceptionally(failure);
            } else {
                job.result.complete(rendered);
            }
            if (next != null) {
                run(next);
            }
        }, renderer);
    }

    /** Frees the finished job's slot, or hands it straight to the oldest waiting job still wanted. */
    private synchronized Job release() {
        completedTotal++;
        Job next = queue.pollFirst();
        while (next != null && next.result.isCancelled()) {
            next = queue.pollFirst();
        }
        if (next == null) {
            busySlots--;
        }
        return next;
    }

    private synchronized void withdraw(Job job) {
        queue.remove(job);
    }

    public String name() {
        return name;
    }

    public int slots() {
        return slots;
    }

    public double speed() {
        return speed;
    }

    public boolean ready() {
        return ready;
    }

    /** Faults injected into this node's requests. */
    public NodeFaults faults() {
        return faults;
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Slots executing a request right now. */
    public synchronized int busySlots() {
        return busySlots;
    }

    /** Requests waiting for a slot right now (Triton's pending request count). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Requests that found every slot busy and had to wait, since start. */
    public synchronized long waitedTotal() {
        return waitedTotal;
    }

    /** Executions that finished (successfully or not), since start. */
    public synchronized long completedTotal() {
        return completedTotal;
    }

    private record Job(GenerationRequest request, CompletableFuture<RgbImage> result) {
    }
}
