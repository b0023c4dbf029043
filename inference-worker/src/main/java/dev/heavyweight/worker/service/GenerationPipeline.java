package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage.Execution;
import dev.heavyweight.worker.client.ModerationClient;
import dev.heavyweight.worker.client.TritonClient;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import dev.heavyweight.worker.repository.ResultStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Executes one job: inference through the balancer, PNG encoding, image moderation, then the upload:
 * to the tenant's key when allowed, to the quarantine when blocked (never to the tenant's key). Without a
 * verdict nothing is stored and the job fails transiently. Every step failure the task's owner should hear
 * about becomes a failed {@link JobOutcome}; the Uni itself fails only on something unexpected.
 */
@ApplicationScoped
public class GenerationPipeline {

    private static final Logger LOG = Logger.getLogger(GenerationPipeline.class);

    private final TritonClient triton;
    private final ModerationClient moderation;
    private final ResultStore store;
    private final BlockingExecutor blocking;
    private final WorkerMetrics metrics;
    private final boolean moderating;

    GenerationPipeline(TritonClient triton, ModerationClient moderation, ResultStore store, BlockingExecutor blocking,
            WorkerMetrics metrics, WorkerConfig config) {
        this.triton = triton;
        this.moderation = moderation;
        this.store = store;
        this.blocking = blocking;
        this.metrics = metrics;
        this.moderating = config.imageModeration().enabled();
    }

    void warnWhenUnmoderated(@Observes StartupEvent startup) {
        if (!moderating) {
            LOG.warn("image moderation is switched off (heavyweight.worker.image-moderation.enabled=false): every "
                    + "generated image is stored for its tenant without a verdict");
        }
    }

    public Uni<JobOutcome> run(JobMessage job, Lane lane) {
        StageClock clock = new StageClock(metrics, lane, job.model());
        return recovered(clock.time(WorkerMetrics.STAGE_INFERENCE, () -> triton.generate(job, lane))
                .chain(inference -> blocking.run(() -> PngEncoder.encode(inference.image()))
                        .chain(png -> judgedAndStored(job, lane, png, clock, inference.execution()))), clock);
    }

    /**
     * Finishes the job of an image an earlier delivery put in quarantine and then died before its event was
     * confirmed: the stored PNG is judged again (not generated again) and stored where the verdict says. When
     * the new verdict allows it (thresholds changed in between), the quarantine copy is removed once the tenant's
     * copy is stored; a failed removal is logged and does not fail the job, whose image is already published.
     */
    public Uni<JobOutcome> rejudge(JobMessage job, Lane lane, byte[] quarantined) {
        StageClock clock = new StageClock(metrics, lane, job.model());
        String quarantineKey = store.quarantineKeyFor(job.tenant(), job.taskId());
        return recovered(judgedAndStored(job, lane, quarantined, clock, null), clock)
                .call(outcome -> outcome.succeeded()
                        ? store.delete(quarantineKey).onFailure().recoverWithUni(e -> {
                            LOG.warnf("task %s: image allowed on a later judgement and stored for its tenant, but its "
                                    + "quarantine copy %s stays: %s", job.taskId(), quarantineKey, e.getMessage());
                            return Uni.createFrom().voidItem();
                        })
                        : Uni.createFrom().voidItem());
    }

    /** Whether images are moderated (off only for benchmarks of the bare pipeline). */
    public boolean moderating() {
        return moderating;
    }

    private Uni<JobOutcome> judgedAndStored(JobMessage job, Lane lane, byte[] png, StageClock clock,
            Execution execution) {
        String key = ResultStore.keyFor(job.tenant(), job.taskId());
        if (!moderating) {
            return stored(key, png, clock).map(stored -> JobOutcome.succeeded(key, clock.timings(), execution));
        }
        return clock.time(WorkerMetrics.STAGE_IMAGE_MODERATION, () -> moderation.moderateImage(job, lane, png))
                .chain(verdict -> verdict.allowed()
                        ? stored(key, png, clock).map(stored -> JobOutcome.succeeded(key, clock.timings(), execution))
                        : stored(store.quarantineKeyFor(job.tenant(), job.taskId()), png, clock)
                                .map(stored -> JobOutcome.rejected(verdict, clock.timings())));
    }

    private Uni<Void> stored(String key, byte[] png, StageClock clock) {
        return clock.time(WorkerMetrics.STAGE_UPLOAD, () -> store.put(key, png));
    }

    private static Uni<JobOutcome> recovered(Uni<JobOutcome> work, StageClock clock) {
        return work.onFailure(JobFailure.class)
                .recoverWithItem(failure -> JobOutcome.failed((JobFailure) failure, clock.timings()));
    }
}
