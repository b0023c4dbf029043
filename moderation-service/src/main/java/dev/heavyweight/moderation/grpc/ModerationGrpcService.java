package dev.heavyweight.moderation.grpc;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationService;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.image.ImageInput;
import dev.heavyweight.moderation.image.ImageModerationPipeline;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.prompt.PromptModerationPipeline;
import dev.heavyweight.moderation.topics.EngineFailedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * {@code heavyweight.moderation.v1.ModerationService}: prompts before generation, images after it. Bad input is
 * {@code INVALID_ARGUMENT}; an engine that fails makes the call {@code UNAVAILABLE} (fail closed: the caller
 * retries, nothing passes unjudged).
 */
@GrpcService
public class ModerationGrpcService implements ModerationService {

    private static final Logger LOG = Logger.getLogger(ModerationGrpcService.class);

    static final String IMAGE_NOT_ENABLED = "image moderation has no engine configured (heavyweight.moderation.image-engines)";

    private final PromptModerationPipeline prompts;
    private final ImageModerationPipeline images;
    private final ModerationMetrics metrics;
    private final int maxPromptLength;

    ModerationGrpcService(PromptModerationPipeline prompts, ImageModerationPipeline images, ModerationMetrics metrics,
            ModerationConfig config) {
        this.prompts = prompts;
        this.images = images;
        this.metrics = metrics;
        this.maxPromptLength = config.maxPromptLength();
    }

    @Override
    public Uni<ModerationVerdict> moderatePrompt(ModeratePromptRequest request) {
        StatusRuntimeException invalid = validate(request);
        if (invalid != null) {
            return Uni.createFrom().failure(invalid);
        }
        PromptInput input = new PromptInput(request.getTenant(), request.getTaskId(), request.getPrompt(),
                request.getNegativePrompt());
        return prompts.moderate(input)
                .invoke(metrics::recordVerdict)
                .map(VerdictMapper::toProto)
                .onFailure(EngineFailedException.class)
                .transform(failure -> unavailable(ModerationMetrics.KIND_PROMPT, request.getTaskId(), (EngineFailedException) failure));
    }

    @Override
    public Uni<ModerationVerdict> moderateImage(ModerateImageRequest request) {
        if (!images.enabled()) {
            return Uni.createFrom().failure(Status.UNIMPLEMENTED.withDescription(IMAGE_NOT_ENABLED).asRuntimeException());
        }
        if (request.getPng().isEmpty()) {
            return Uni.createFrom().failure(invalidArgument("png: must not be empty"));
        }
        if (!request.getLane().isEmpty() && Lane.fromName(request.getLane()).isEmpty()) {
            return Uni.createFrom().failure(invalidArgument("lane: must be interactive or batch, was '"
                    + request.getLane() + "'"));
        }
        String lane = Lane.fromName(request.getLane()).map(Lane::routingKey).orElse("");
        ImageInput input = new ImageInput(request.getTenant(), request.getTaskId(), request.getPng().toByteArray(), lane);
        return images.moderate(input)
                .invoke(metrics::recordVerdict)
                .map(VerdictMapper::toProto)
                .onFailure(EngineFailedException.class)
                .transform(failure -> unavailable(ModerationMetrics.KIND_IMAGE, request.getTaskId(), (EngineFailedException) failure));
    }

    private StatusRuntimeException validate(ModeratePromptRequest request) {
        if (request.getPrompt().isBlank()) {
            return invalidArgument("prompt: must not be empty");
        }
        if (tooLong(request.getPrompt())) {
            return invalidArgument("prompt: must be at most " + maxPromptLength + " characters");
        }
        if (tooLong(request.getNegativePrompt())) {
            return invalidArgument("negative_prompt: must be at most " + maxPromptLength + " characters");
        }
        return null;
    }

    private boolean tooLong(String text) {
        return text.codePointCount(0, text.length()) > maxPromptLength;
    }

    static StatusRuntimeException invalidArgument(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    private StatusRuntimeException unavailable(String kind, String taskId, EngineFailedException failure) {
        if (failure.getCause() instanceof StatusRuntimeException status
                && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
            return status;
        }
        LOG.errorf(failure.getCause(), "%s engine %s failed for task %s", kind, failure.engine(), taskId);
        metrics.recordError(kind, failure.engine());
        return Status.UNAVAILABLE
                .withDescription(kind + " moderation engine " + failure.engine() + " is unavailable; retry later")
                .asRuntimeException();
    }
}
