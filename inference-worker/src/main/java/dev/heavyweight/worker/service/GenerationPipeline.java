package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.worker.client.TritonClient;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import dev.heavyweight.worker.repository.ResultStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Executes one job: inference through the balancer, PNG encoding, upload. Every step failure the
 * task's owner should hear about becomes a failed {@link JobOutcome}; the Uni itself fails only on
 * something unexpected.
 */
@ApplicationScoped
public class GenerationPipeline {

    private final TritonClient triton;
    private final ResultStore store;
    private final BlockingExecutor blocking;
    private final WorkerMetrics metrics;

    GenerationPipeline(TritonClient triton, ResultStore store, BlockingExecutor blocking, WorkerMetrics metrics) {
        this.triton = triton;
        this.store = store;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    public Uni<JobOutcome> run(JobMessage job, Lane lane) {
        StageClock clock = new StageClock(metrics);
        String key = ResultStore.keyFor(job.tenant(), job.taskId());
        return clock.time(WorkerMetrics.STAGE_INFERENCE, () -> triton.generate(job, lane))
                .chain(image -> blocking.run(() -> PngEncoder.encode(image)))
                .chain(png -> clock.time(WorkerMetrics.STAGE_UPLOAD, () -> store.put(key, png)))
                .map(stored -> JobOutcome.succeeded(key, clock.timings()))
                .onFailure(JobFailure.class)
                .recoverWithItem(failure -> JobOutcome.failed((JobFailure) failure, clock.timings()));
    }
}
