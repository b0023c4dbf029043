package dev.heavyweight.worker.labeling;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.LabelingSampleMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.messaging.ConfirmedPublisher;
import dev.heavyweight.worker.config.StorageConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Sends a fraction of succeeded tasks to {@link Topology#LABELING_QUEUE}. Whether a task is sampled follows from
 * its id alone (the id's random bits, compared with the rate), so the rate holds over many tasks and a
 * redelivered job decides the same way. A sample is sent once the succeeded event is confirmed; one that cannot
 * be published is logged and dropped (a sample is statistical: it never holds a job back or fails it).
 */
@Startup
@ApplicationScoped
public class LabelingSampler {

    private static final Logger LOG = Logger.getLogger(LabelingSampler.class);
    private static final long SCALE = 1L << 32;

    private final ConfirmedPublisher publisher;
    private final S3Presigner presigner;
    private final String bucket;
    private final LabelingConfig config;
    private final MeterRegistry registry;

    LabelingSampler(ConfirmedPublisher publisher, S3Presigner presigner, StorageConfig storage, LabelingConfig config,
            MeterRegistry registry) {
        if (config.rate() < 0 || config.rate() > 1) {
            throw new IllegalArgumentException("heavyweight.labeling.rate must be between 0 and 1, got " + config.rate());
        }
        if (config.urlTtl().isNegative() || config.urlTtl().isZero() || config.urlTtl().compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("heavyweight.labeling.url-ttl must be more than 0 and at most 7 days");
        }
        this.publisher = publisher;
        this.presigner = presigner;
        this.bucket = storage.bucket();
        this.config = config;
        this.registry = registry;
        // Registered up front so dashboards see zeros rather than missing series.
        ModelCatalog.all().forEach(model -> counter(model.name()));
    }

    /** Whether the task with this id belongs to the sample at {@code rate}. */
    public static boolean sampled(String taskId, double rate) {
        long bits;
        try {
            bits = UUID.fromString(taskId).getLeastSignificantBits();
        } catch (IllegalArgumentException e) {
            bits = taskId.hashCode();
        }
        return (bits & (SCALE - 1)) < (long) (rate * SCALE);
    }

    /** Publishes the sample of a succeeded task when it belongs to the sample; never fails. */
    public Uni<Void> succeeded(JobMessage job, Lane lane, String imageKey) {
        if (!sampled(job.taskId(), config.rate())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            Instant expires = Instant.now().plus(config.urlTtl());
            String url = presigner.presignGetObject(presign -> presign.signatureDuration(config.urlTtl())
                    .getObjectRequest(get -> get.bucket(bucket).key(imageKey))).url().toString();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("width", job.width());
            parameters.put("height", job.height());
            parameters.put("steps", job.steps());
            parameters.put("seed", job.seed());
            LabelingSampleMessage sample = new LabelingSampleMessage(LabelingSampleMessage.SCHEMA, job.taskId(),
                    job.tenant(), job.model(), lane.routingKey(), job.prompt(),
                    job.negativePrompt() == null ? "" : job.negativePrompt(), parameters, imageKey, url,
                    expires.toEpochMilli(), System.currentTimeMillis());
            return publisher.publishJson(Topology.EVENTS_EXCHANGE, Topology.LABELING_ROUTING_KEY, sample, 0, Map.of());
        }).invoke(() -> counter(job.model()).increment())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("labelling sample of task %s dropped: %s", job.taskId(), failure.getMessage());
                    return null;
                });
    }

    private Counter counter(String model) {
        return Counter.builder("heavyweight.labeling.samples").description("Succeeded tasks sent to labeling.samples")
                .tag("model", model == null ? "unknown" : model).register(registry);
    }
}
