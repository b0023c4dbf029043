package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.JobMessage;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs holding a slot in this worker, by task id, each with a stop signal: a cancellation of its
 * task, or the end of the shutdown grace period. Whoever runs the job races its work against
 * {@link Run#stopped()}; losing that race cancels the work (and with it the gRPC call).
 */
@Singleton
public class RunningJobs {

    /** Why a running job was stopped. */
    public enum Stop {
        /** Its task was cancelled: settle the job without reporting anything. */
        CANCELLED,
        /** The worker is shutting down: hand the job back to its queue. */
        HANDED_BACK
    }

    /** One running job. */
    public static final class Run {

        private final String taskId;
        private final CompletableFuture<Stop> stop = new CompletableFuture<>();

        private Run(String taskId) {
            this.taskId = taskId;
        }

        /** Emits once, when the job must stop; never if it ends on its own. */
        public Uni<Stop> stopped() {
            // A copy: cancelling the subscription cancels the future it reads, and the signal must survive that.
            return Uni.createFrom().completionStage(stop.copy());
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /** Registers the job; empty when a job of the same task already runs here (a redelivery of it). */
    public Optional<Run> start(JobMessage job) {
        Run run = new Run(job.taskId());
        return runs.putIfAbsent(job.taskId(), run) == null ? Optional.of(run) : Optional.empty();
    }

    public void finish(Run run) {
        runs.remove(run.taskId, run);
    }

    /** Stops the task's job if it runs here; true when it did. */
    public boolean cancel(String taskId) {
        Run run = runs.get(taskId);
        return run != null && run.stop.complete(Stop.CANCELLED);
    }

    /** Stops every running job so it goes back to its queue; returns how many were stopped. */
    public int handBackAll() {
        int stopped = 0;
        for (Run run : runs.values()) {
            if (run.stop.complete(Stop.HANDED_BACK)) {
                stopped++;
            }
        }
        return stopped;
    }

    public int count() {
        return runs.size();
    }
}
