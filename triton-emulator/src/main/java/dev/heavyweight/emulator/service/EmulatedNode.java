package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.tensor.RgbImage;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One emulated GPU node: a fixed number of execution slots and a FIFO queue in front of them, as Triton
 * runs one model instance per slot. A request holds its slot for its {@link ExecutionTime} (or as long as
 * rendering its image takes, if longer), waited out on a timer, so no thread is parked per request. A
 * hanging request holds its slot until its caller gives up; a crash drops everything the node held. Calls of
 * the safety model go through the node's {@link SafetyLane} instead: real inference, no slot, same crashes.
 */
public final class EmulatedNode {

    private final int index;
    private final String address;
    private final String gpuUuid;
    private final NodeSettings settings;
    private final ExecutionTime executionTime;
    private final NodeFaults faults;
    private final NodeRuntime runtime;
    private final GpuActivity gpu;
    private final NodeJournal journal;
    private final boolean servesSafetyModel;
    private final SafetyLane safety;
    private final Deque<NodeJob> queue = new ArrayDeque<>();
    private final Set<NodeJob> running = new LinkedHashSet<>();
    private long waitedTotal;
    private boolean crashed;
    private volatile boolean ready;

    public EmulatedNode(int index, String address, NodeSettings settings, RandomGenerator random, NodeRuntime runtime) {
        this.index = index;
        this.address = address;
        this.gpuUuid = "GPU-" + UUID.nameUUIDFromBytes(
                ("heavyweight-emulator/" + address).getBytes(StandardCharsets.UTF_8));
        this.settings = settings;
        this.executionTime = new ExecutionTime(settings.stepTime(), settings.speed(), settings.stepJitter(), random);
        this.faults = new NodeFaults(settings.faults(), random);
        this.runtime = runtime;
        this.gpu = new GpuActivity(settings.slots(), runtime.utilizationWindow().toNanos(), settings.power(),
                runtime.clock());
        this.servesSafetyModel = runtime.safety().enabled();
        List<String> models = new ArrayList<>(ModelCatalog.all().stream().map(ModelSpec::name).toList());
        if (servesSafetyModel) {
            models.add(SafetyModel.NAME);
        }
        this.journal = new NodeJournal(index, address, runtime.clock(), runtime.sink(), models);
        this.safety = new SafetyLane(address, runtime.safety(), journal, runtime.clock());
        this.ready = settings.ready();
    }

    /**
     * Queues a request that arrived at {@code arrivedNanos} (see {@link #now()}) and runs it when a slot frees;
     * {@code traceparent} is the W3C trace context it came with (null: none), kept in its execution record.
     */
    public NodeJob submit(String id, GenerationRequest request, boolean hangs, long arrivedNanos, String traceparent) {
        NodeJob job = new NodeJob(id, request, hangs, arrivedNanos, traceparent);
        boolean startNow = false;
        boolean refused = false;
        synchronized (this) {
            if (crashed) {
                refused = true;
            } else if (running.size() < settings.slots()) {
                occupy(job, now());
                startNow = true;
            } else {
                queue.addLast(job);
                waitedTotal++;
            }
        }
        if (refused) {
            journal.ended(job, Status.Code.UNAVAILABLE);
            job.result().completeExceptionally(new NodeCrashedException(address));
        } else if (startNow) {
            run(job);
        }
        return job;
    }

    /**
     * Runs the safety model on one 224×224 RGB image beside the Stable Diffusion slots and queue, which it
     * neither takes nor waits for. Only for a node that {@link #servesSafetyModel()}.
     */
    public SafetyJob classify(String id, byte[] rgb, boolean hangs, long arrivedNanos) {
        return safety.submit(id, rgb, hangs, arrivedNanos);
    }

    /** The caller of a safety-model call gave up. */
    public void cancel(SafetyJob job) {
        safety.cancel(job);
    }

    /** Whether this node serves {@link SafetyModel#NAME}. */
    public boolean servesSafetyModel() {
        return servesSafetyModel;
    }

    /**
     * The caller gave up: a waiting or hanging job ends now and frees its place; a running one keeps its
     * slot until its time is up, as a GPU finishes a kernel nobody waits for, and ends as cancelled.
     */
    public void cancel(NodeJob job) {
        NodeJob next = null;
        boolean endsNow;
        long endedNanos;
        synchronized (this) {
            endedNanos = now();
            endsNow = queue.remove(job) || job.hangs() && running.contains(job);
            if (endsNow && running.contains(job)) {
                next = free(job, endedNanos);
            } else if (!endsNow) {
                job.callerGone();
            }
        }
        if (endsNow) {
            journal.ended(job, Status.Code.CANCELLED, endedNanos);
            job.result().cancel(false);
        }
        if (next != null) {
            run(next);
        }
    }

    /** Records a call refused before it reached the queue (not ready, invalid, injected failure). */
    public void refuse(String id, String model, int steps, long arrivedNanos, Status.Code code) {
        journal.refused(id, model, steps, arrivedNanos, code);
    }

    /** Drops every queued and running job, as a crashed Triton loses them, and refuses work until restored. */
    public void crash() {
        List<NodeJob> lost;
        synchronized (this) {
            crashed = true;
            lost = new ArrayList<>(running);
            lost.addAll(queue);
            running.clear();
            queue.clear();
            gpu.busySlots(0);
        }
        for (NodeJob job : lost) {
            journal.ended(job, Status.Code.UNAVAILABLE);
            job.result().completeExceptionally(new NodeCrashedException(address));
        }
        safety.crash();
    }

    public void restore() {
        synchronized (this) {
            crashed = false;
        }
        safety.restore();
    }

    private void run(NodeJob job) {
        if (job.hangs()) {
            return;
        }
        GenerationRequest r = job.request();
        CompletableFuture<RgbImage> image = CompletableFuture.supplyAsync(() -> runtime.generator()
                .render(r.prompt(), r.negativePrompt(), r.seed(), r.width(), r.height()), runtime.renderer());
        CompletableFuture<Void> elapsed = runtime.timer().after(executionTime.draw(r.steps()));
        // Completing on the render pool keeps response serialisation off the single timer thread.
        image.thenCombine(elapsed, (rendered, ignored) -> rendered)
                .whenCompleteAsync((rendered, failure) -> finish(job, rendered, failure), runtime.renderer());
    }

    private void finish(NodeJob job, RgbImage rendered, Throwable failure) {
        NodeJob next;
        boolean callerGone;
        long endedNanos;
        synchronized (this) {
            if (!running.contains(job)) {
                return;
            }
            endedNanos = now();
            next = free(job, endedNanos);
            callerGone = job.isCallerGone();
        }
        Status.Code outcome = failure != null ? Status.Code.INTERNAL : Status.Code.OK;
        journal.ended(job, callerGone ? Status.Code.CANCELLED : outcome, endedNanos);
        if (failure != null) {
            job.result().completeExceptionally(failure);
        } else {
            job.result().complete(rendered);
        }
        if (next != null) {
            run(next);
        }
    }

    /**
     * Frees the job's slot at {@code endedNanos}, handing it straight to the oldest waiting job if there is one,
     * which starts at that same instant (so a successor never appears to start before its predecessor ended);
     * needs the lock.
     */
    private NodeJob free(NodeJob job, long endedNanos) {
        running.remove(job);
        NodeJob next = queue.pollFirst();
        if (next != null) {
            occupy(next, endedNanos);
        } else {
            gpu.busySlots(running.size());
        }
        return next;
    }

    private void occupy(NodeJob job, long startedNanos) {
        running.add(job);
        job.started(startedNanos);
        gpu.busySlots(running.size());
    }

    /** The node's clock reading, for arrival times passed to {@link #submit} and {@link #refuse}. */
    public long now() {
        return runtime.clock().nanoTime();
    }

    public int index() {
        return index;
    }

    /** host:port of the node's gRPC server. */
    public String name() {
        return address;
    }

    /** A fake but stable GPU UUID, derived from the node's address, as Triton labels its GPU metrics. */
    public String gpuUuid() {
        return gpuUuid;
    }

    public int slots() {
        return settings.slots();
    }

    public double speed() {
        return settings.speed();
    }

    public ExecutionTime executionTime() {
        return executionTime;
    }

    public PowerModel power() {
        return settings.power();
    }

    public boolean ready() {
        return ready;
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Faults injected into this node's requests. */
    public NodeFaults faults() {
        return faults;
    }

    public NodeStats stats() {
        return journal.stats();
    }

    public GpuReading gpu() {
        return gpu.read();
    }

    /** Slots executing a request right now. */
    public synchronized int busySlots() {
        return running.size();
    }

    /** Stable Diffusion requests waiting for a slot right now (Triton's pending request count). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Requests waiting to execute right now, per model (for the safety model: waiting for a pool thread). */
    public Map<String, Integer> queuedByModel() {
        Map<String, Integer> byModel = new TreeMap<>();
        synchronized (this) {
            queue.forEach(job -> byModel.merge(job.request().model().name(), 1, Integer::sum));
        }
        int safetyWaiting = safety.waiting();
        if (safetyWaiting > 0) {
            byModel.put(SafetyModel.NAME, safetyWaiting);
        }
        return byModel;
    }

    /** Requests that found every slot busy and had to wait, since start. */
    public synchronized long waitedTotal() {
        return waitedTotal;
    }

    /** Calls the node is done with (answered, failed, refused or cancelled), since start. */
    public long completedTotal() {
        return journal.completedTotal();
    }
}
