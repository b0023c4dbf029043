package dev.heavyweight.emulator.service;

import io.grpc.Status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * One node's safety-model calls. They bypass the node's Stable Diffusion slots and FIFO queue, as Triton runs
 * each model on its own instances, but share the node's fate: a crash loses them and refuses new ones.
 */
final class SafetyLane {

    private final String address;
    private final SafetyRunner runner;
    private final NodeJournal journal;
    private final NodeClock clock;
    private final Set<SafetyJob> inFlight = new LinkedHashSet<>();
    private boolean crashed;

    SafetyLane(String address, SafetyRunner runner, NodeJournal journal, NodeClock clock) {
        this.address = address;
        this.runner = runner;
        this.journal = journal;
        this.clock = clock;
    }

    SafetyJob submit(String id, byte[] rgb, boolean hangs, long arrivedNanos) {
        SafetyJob job = new SafetyJob(id, hangs, arrivedNanos);
        boolean accepted;
        synchronized (this) {
            accepted = !crashed;
            if (accepted) {
                inFlight.add(job);
                if (hangs) {
                    job.started(clock.nanoTime());
                }
            }
        }
        if (!accepted) {
            end(job, Status.Code.UNAVAILABLE);
            job.result().completeExceptionally(new NodeCrashedException(address));
        } else if (!hangs) {
            run(job, rgb);
        }
        return job;
    }

    /** The caller left: a waiting or hanging job ends now; a running one finishes and is recorded cancelled. */
    void cancel(SafetyJob job) {
        boolean endsNow;
        synchronized (this) {
            endsNow = inFlight.contains(job) && (job.startedNanos() < 0 || job.hangs());
            if (endsNow) {
                inFlight.remove(job);
            } else {
                job.callerGone();
            }
        }
        if (endsNow) {
            end(job, Status.Code.CANCELLED);
            job.result().cancel(false);
        }
    }

    /** Loses every call in flight, as the node's crash does, and refuses new ones until {@link #restore}. */
    void crash() {
        List<SafetyJob> lost;
        synchronized (this) {
            crashed = true;
            lost = new ArrayList<>(inFlight);
            inFlight.clear();
        }
        for (SafetyJob job : lost) {
            end(job, Status.Code.UNAVAILABLE);
            job.result().completeExceptionally(new NodeCrashedException(address));
        }
    }

    synchronized void restore() {
        crashed = false;
    }

    /** Calls waiting for a pool thread (the model's pending request count). */
    synchronized int waiting() {
        return (int) inFlight.stream().filter(job -> job.startedNanos() < 0).count();
    }

    private void run(SafetyJob job, byte[] rgb) {
        try {
            runner.submit(rgb, () -> start(job)).whenComplete((probabilities, failure) -> finish(job, probabilities,
                    failure));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                inFlight.remove(job);
            }
            end(job, Status.Code.UNAVAILABLE);
            job.result().completeExceptionally(Status.UNAVAILABLE
                    .withDescription("the queue of model '" + SafetyModel.NAME + "' is full").asRuntimeException());
        }
    }

    private synchronized boolean start(SafetyJob job) {
        if (!inFlight.contains(job)) {
            return false;
        }
        job.started(clock.nanoTime());
        return true;
    }

    private void finish(SafetyJob job, float[] probabilities, Throwable failure) {
        boolean callerGone;
        synchronized (this) {
            if (!inFlight.remove(job)) {
                return;
            }
            callerGone = job.isCallerGone();
        }
        end(job, callerGone ? Status.Code.CANCELLED : failure != null ? Status.Code.INTERNAL : Status.Code.OK);
        if (failure != null) {
            job.result().completeExceptionally(failure);
        } else {
            job.result().complete(probabilities);
        }
    }

    private void end(SafetyJob job, Status.Code code) {
        journal.ended(job.id(), SafetyModel.NAME, 0, job.arrivedNanos(), job.startedNanos(), code);
    }
}
