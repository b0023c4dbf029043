package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.economics.NodeClasses;
import dev.heavyweight.balancer.metrics.BalancerMetrics;
import dev.heavyweight.balancer.scheduler.Clock;
import dev.heavyweight.balancer.scheduler.Lease;
import dev.heavyweight.balancer.scheduler.Outcome;
import dev.heavyweight.balancer.scheduler.Refusal;
import dev.heavyweight.balancer.scheduler.SchedulerSettings;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.balancer.scheduler.Ticket;
import dev.heavyweight.balancer.scheduler.TicketListener;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.logging.TaskMdc;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage.Execution;
import io.grpc.Deadline;
import io.grpc.Status;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.jboss.logging.Logger;

/**
 * One ModelInfer through the scheduler: waits for its slot, runs on the node, and on UNAVAILABLE (or a broken
 * connection) re-enters the scheduler for another node while attempts and deadline last. The scheduler is
 * never called while this object's lock is held: its callbacks may arrive on other threads and call back.
 */
final class ProxiedInference implements TicketListener {

    /** What every request needs from the balancer. */
    record Route(SlotScheduler scheduler, NodeRegistry registry, BalancerMetrics metrics, NodeClasses classes,
                 int maxAttempts) {
    }

    /** Per-request lines (arrival, dispatch); DEBUG, so a busy balancer writes none unless asked. */
    private static final Logger LOG = Logger.getLogger(ProxiedInference.class);

    private final Route route;
    private final ModelInferRequest request;
    private final Deadline deadline;
    private final UniEmitter<? super ModelInferResponse> emitter;
    private final Ticket ticket;
    private final String pool;
    private Lease lease;
    private Cancellable call;
    private boolean cancelled;
    private Throwable lastFailure;
    private final io.opentelemetry.context.Context trace;

    ProxiedInference(Route route, ModelInferRequest request, Lane lane, Deadline deadline, long remainingNanos,
                     UniEmitter<? super ModelInferResponse> emitter) {
        this.route = route;
        this.request = request;
        this.deadline = deadline;
        this.emitter = emitter;
        this.ticket = new Ticket(request.getModelName(), lane, Clock.SYSTEM.nanos() + remainingNanos, this);
        this.pool = route.scheduler().poolOf(request.getModelName());
        // Taken on the caller's gRPC context: a slot may free on any thread, the node call continues this trace.
        this.trace = io.opentelemetry.context.Context.current();
        TaskMdc.debug(LOG, trace, request.getId(), null, "task %s (%s, lane %s) is waiting for a %s slot", request.getId(),
                request.getModelName(), lane.routingKey(), pool);
    }

    void start() {
        route.scheduler().submit(ticket);
    }

    /** The caller went away: leave the queue, or cancel the call on the node and free its slot. */
    void cancel() {
        Lease running;
        Cancellable runningCall;
        synchronized (this) {
            cancelled = true;
            running = lease;
            runningCall = call;
            lease = null;
            call = null;
        }
        if (route.scheduler().cancel(ticket)) {
            route.metrics().cancelledWhileWaiting(ticket.lane(), pool);
            return;
        }
        if (runningCall != null) {
            runningCall.cancel();
        }
        if (running != null) {
            route.scheduler().release(running, Outcome.CANCELLED);
            route.metrics().dispatch(running.node(), "cancelled");
        }
    }

    @Override
    public void dispatched(Lease granted) {
        route.metrics().queueWait(ticket.lane(), pool, granted.waitedNanos());
        boolean accepted;
        synchronized (this) {
            accepted = !cancelled;
            if (accepted) {
                lease = granted;
            }
        }
        if (!accepted) {
            route.scheduler().release(granted, Outcome.CANCELLED);
            return;
        }
        TritonNodeClient client = route.registry().client(granted.node()).orElse(null);
        if (client == null) {
            failed(granted, Status.UNAVAILABLE.withDescription(granted.node() + " has left").asRuntimeException());
            return;
        }
        TaskMdc.debug(LOG, trace, request.getId(), null, "task %s sent to %s after %d ms in line", request.getId(), granted.node(),
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(granted.waitedNanos()));
        Cancellable started = client.infer(request, deadline, trace)
                .subscribe().with(response -> succeeded(granted, response), failure -> failed(granted, failure));
        boolean cancelNow;
        synchronized (this) {
            cancelNow = cancelled;
            if (lease == granted) {
                call = started;
            }
        }
        if (cancelNow) {
            started.cancel();
        }
    }

    @Override
    public void refused(Refusal refusal) {
        route.metrics().refused(ticket.lane(), pool, refusal);
        Throwable previous;
        synchronized (this) {
            previous = lastFailure;
        }
        emitter.fail(switch (refusal) {
            case QUEUE_FULL -> Status.RESOURCE_EXHAUSTED.withDescription("admission queue is full: "
                    + route.scheduler().queueCapacity() + " requests already wait for a free "
                    + (pool.equals(SchedulerSettings.SHARED_POOL) ? "" : pool + " ") + "slot")
                    .asRuntimeException();
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED.withDescription(
                    "deadline passed while waiting for a free slot for " + ticket.model()).asRuntimeException();
            case NO_NODE -> previous != null ? previous : Status.UNAVAILABLE.withDescription(
                    "no ready inference node serves " + ticket.model()).asRuntimeException();
        });
    }

    private void succeeded(Lease finished, ModelInferResponse response) {
        if (take(finished)) {
            route.scheduler().release(finished, Outcome.SUCCESS);
            route.metrics().dispatch(finished.node(), "success");
            emitter.complete(withExecution(response, finished, route.classes()));
        }
    }

    private void failed(Lease finished, Throwable failure) {
        if (!take(finished)) {
            return;
        }
        Status.Code code = Status.fromThrowable(failure).getCode();
        route.scheduler().release(finished, NodeOutcomes.of(code));
        route.metrics().dispatch(finished.node(), NodeOutcomes.tag(code));
        route.metrics().failure(finished.node(), NodeOutcomes.tag(code));
        if (code == Status.Code.UNAVAILABLE && finished.attempt() < route.maxAttempts() && !deadline.isExpired()) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                lastFailure = failure;
            }
            route.scheduler().submit(ticket);
            if (isCancelled()) {
                route.scheduler().cancel(ticket);
            }
            return;
        }
        emitter.fail(failure);
    }

    /**
     * The node's answer with where it ran and for how long ({@link Execution}'s parameters), so the worker can
     * report each task's GPU time and node for its cost.
     */
    static ModelInferResponse withExecution(ModelInferResponse response, Lease lease, NodeClasses classes) {
        long gpuMs = Math.max(0, (Clock.SYSTEM.nanos() - lease.startedAt()) / 1_000_000);
        return response.toBuilder()
                .putParameters(Execution.NODE_PARAMETER, InferParameter.newBuilder().setStringParam(lease.node()).build())
                .putParameters(Execution.NODE_CLASS_PARAMETER,
                        InferParameter.newBuilder().setStringParam(classes.classOf(lease.node())).build())
                .putParameters(Execution.GPU_MS_PARAMETER, InferParameter.newBuilder().setInt64Param(gpuMs).build())
                .build();
    }

    /** Ends the attempt on {@code finished}; false when cancellation already did. */
    private synchronized boolean take(Lease finished) {
        if (lease != finished) {
            return false;
        }
        lease = null;
        call = null;
        return true;
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }
}
