package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.logging.TaskMdc;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.client.ResultStoreClient;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.client.TaskConflictException;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import dev.heavyweight.gateway.client.UpstreamFailureException;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.limits.RateLimitState;
import dev.heavyweight.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Generations of the calling tenant: submit, look up, cancel, and deliver the image. */
@Singleton
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);
    private static final Pattern TASK_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TaskClient tasks;
    private final ResultStoreClient results;
    private final GatewayConfig config;

    GenerationService(TaskClient tasks, ResultStoreClient results, GatewayConfig config) {
        this.tasks = tasks;
        this.results = results;
        this.config = config;
    }

    /**
     * Submits for the caller; {@code idempotencyKey} (empty for none) makes a repeat return the first task.
     * A refusal over a limit fails with {@link dev.heavyweight.gateway.limits.LimitExceededException} (its trailers carry the bucket and its rate).
     */
    public Uni<Submission> submit(Caller caller, GenerationSpec spec, Optional<String> idempotencyKey) {
        SubmitRequest.Builder request = SubmitRequest.newBuilder()
                .setTenant(caller.tenant())
                .setUser(caller.user())
                .setPrompt(spec.prompt())
                .setNegativePrompt(spec.negativePrompt())
                .setModel(spec.model())
                .setWidth(spec.width())
                .setHeight(spec.height())
                .setSteps(spec.steps())
                .setLane(switch (spec.lane()) {
                    case INTERACTIVE -> Lane.LANE_INTERACTIVE;
                    case BATCH -> Lane.LANE_BATCH;
                })
                .setIdempotencyKey(idempotencyKey.orElse(""))
                .setWebhookUrl(spec.webhookUrl())
                .setEndUser(spec.endUser());
        if (spec.seed() != null) {
            request.setSeed(spec.seed());
        }
        // Taken on the request's context; the answer may arrive on a gRPC thread, where its MDC is not.
        io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
        return tasks.submit(request.build())
                .invoke(response -> TaskMdc.debug(LOG, trace, response.getTask().getId(), caller.tenant(),
                        "task %s %s (lane %s)", response.getTask().getId(),
                        response.getReplayed() ? "replayed for an idempotency key" : "accepted", spec.lane()))
                .map(response -> new Submission(response.getTask(), response.getReplayed(),
                        response.hasRateLimit() ? RateLimitState.of(response.getRateLimit()) : null));
    }

    /** An id that is not a UUID cannot name a task: it is not found without asking task-service. */
    public Uni<Task> get(Caller caller, String id) {
        return canonicalId(id).flatMap(valid -> tasks.get(caller.tenant(), valid));
    }

    public Uni<ListResponse> list(Caller caller, GenerationQuery query) {
        return tasks.list(ListRequest.newBuilder().setTenant(caller.tenant()).setState(query.state())
                .setLane(query.lane()).setLimit(query.limit()).setCursor(query.cursor()).build());
    }

    public Uni<Task> cancel(Caller caller, String id) {
        return canonicalId(id).flatMap(valid -> tasks.cancel(caller.tenant(), valid));
    }

    /**
     * The image of a succeeded generation; a generation in any other state is a conflict. The delivery is
     * recorded (a quality signal) without waiting: failing to record it never fails the download.
     */
    public Uni<ImageDelivery> image(Caller caller, String id) {
        return get(caller, id).flatMap(task -> {
            if (task.getState() != TaskState.TASK_STATE_SUCCEEDED) {
                return Uni.createFrom().failure(new TaskConflictException(notReady(task)));
            }
            if (task.getImageKey().isEmpty()) {
                return Uni.createFrom().failure(
                        new UpstreamFailureException("task " + task.getId() + " succeeded without an image key", null));
            }
            Uni<ImageDelivery> delivery = switch (config.imageDelivery()) {
                case REDIRECT -> Uni.createFrom().item(new ImageDelivery.Redirect(results.presignedUrl(task.getImageKey())));
                case STREAM -> results.read(task.getImageKey()).map(ImageDelivery.Png::new);
            };
            return delivery.invoke(delivered -> recordDownload(caller, task.getId(),
                    delivered instanceof ImageDelivery.Redirect ? "redirect" : "stream"));
        });
    }

    /** Records that the caller received the task's image; logged and forgotten when task-service cannot. */
    public void recordDownload(Caller caller, String taskId, String channel) {
        tasks.recordDownload(RecordDownloadRequest.newBuilder()
                        .setTenant(caller.tenant()).setId(taskId).setUser(caller.user()).setChannel(channel).build())
                .subscribe().with(
                        recorded -> LOG.debugf("download %d of task %s recorded", recorded.getDownloads(), taskId),
                        failure -> LOG.warnf("could not record the download of task %s: %s", taskId, failure.getMessage()));
    }

    private static String notReady(Task task) {
        String state = PublicState.state(task.getState());
        return PublicState.isFinished(task.getState())
                ? "The generation ended as " + state + " and has no image."
                : "The generation is " + state + "; its image is available once it has succeeded.";
    }

    /** The canonical form of a task id, or a not-found failure for anything that is not a UUID. */
    public static Uni<String> canonicalId(String id) {
        if (id == null || !TASK_ID.matcher(id).matches()) {
            return Uni.createFrom().failure(new TaskNotFoundException());
        }
        return Uni.createFrom().item(UUID.fromString(id).toString());
    }
}
