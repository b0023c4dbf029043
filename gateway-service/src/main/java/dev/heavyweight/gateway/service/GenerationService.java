package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.client.ResultStoreClient;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.client.TaskConflictException;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import dev.heavyweight.gateway.client.UpstreamFailureException;
import dev.heavyweight.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;

/** Generations of the current tenant: submit, look up, cancel, and deliver the image. */
@Singleton
public class GenerationService {

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

    public Uni<Task> submit(GenerationSpec spec) {
        SubmitRequest.Builder request = SubmitRequest.newBuilder()
                .setTenant(config.defaultTenant())
                .setPrompt(spec.prompt())
                .setNegativePrompt(spec.negativePrompt())
                .setModel(spec.model())
                .setWidth(spec.width())
                .setHeight(spec.height())
                .setSteps(spec.steps())
                .setLane(switch (spec.lane()) {
                    case INTERACTIVE -> Lane.LANE_INTERACTIVE;
                    case BATCH -> Lane.LANE_BATCH;
                });
        if (spec.seed() != null) {
            request.setSeed(spec.seed());
        }
        return tasks.submit(request.build());
    }

    /** An id that is not a UUID cannot name a task: it is not found without asking task-service. */
    public Uni<Task> get(String id) {
        return canonicalId(id).flatMap(valid -> tasks.get(config.defaultTenant(), valid));
    }

    public Uni<Task> cancel(String id) {
        return canonicalId(id).flatMap(valid -> tasks.cancel(config.defaultTenant(), valid));
    }

    /** The image of a succeeded generation; a generation in any other state is a conflict. */
    public Uni<ImageDelivery> image(String id) {
        return get(id).flatMap(task -> {
            if (task.getState() != TaskState.TASK_STATE_SUCCEEDED) {
                return Uni.createFrom().failure(new TaskConflictException(notReady(task)));
            }
            if (task.getImageKey().isEmpty()) {
                return Uni.createFrom().failure(
                        new UpstreamFailureException("task " + task.getId() + " succeeded without an image key", null));
            }
            return switch (config.imageDelivery()) {
                case REDIRECT -> Uni.createFrom().item(new ImageDelivery.Redirect(results.presignedUrl(task.getImageKey())));
                case STREAM -> results.read(task.getImageKey()).map(ImageDelivery.Png::new);
            };
        });
    }

    private static String notReady(Task task) {
        String state = PublicState.state(task.getState());
        return PublicState.isFinished(task.getState())
                ? "The generation ended as " + state + " and has no image."
                : "The generation is " + state + "; its image is available once it has succeeded.";
    }

    private static Uni<String> canonicalId(String id) {
        if (id == null || !TASK_ID.matcher(id).matches()) {
            return Uni.createFrom().failure(new TaskNotFoundException());
        }
        return Uni.createFrom().item(UUID.fromString(id).toString());
    }
}
