package dev.heavyweight.moderation.grpc;

import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationService;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import dev.heavyweight.moderation.service.PromptInput;
import dev.heavyweight.moderation.service.PromptModerationPipeline;
import dev.heavyweight.moderation.service.StageFailedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** {@code heavyweight.moderation.v1.ModerationService}: prompt moderation; image moderation is not enabled yet. */
@GrpcService
public class ModerationGrpcService implements ModerationService {

    private static final Logger LOG = Logger.getLogger(ModerationGrpcService.class);

    static final String IMAGE_NOT_ENABLED = "image moderation is not enabled in this release";

    private final PromptModerationPipeline pipeline;
    private final ModerationMetrics metrics;
    private final int maxPromptLength;

    ModerationGrpcService(PromptModerationPipeline pipeline, ModerationMetrics metrics, ModerationConfig config) {
        this.pipeline = pipeline;
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
        return pipeline.moderate(input)
                .invoke(verdict -> metrics.recordVerdict(ModerationMetrics.KIND_PROMPT, verdict))
                .map(VerdictMapper::toProto)
                .onFailure(StageFailedException.class).transform(failure -> unavailable(request, (StageFailedException) failure));
    }

    @Override
    public Uni<ModerationVerdict> moderateImage(ModerateImageRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.withDescription(IMAGE_NOT_ENABLED).asRuntimeException());
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

    private static StatusRuntimeException invalidArgument(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    private StatusRuntimeException unavailable(ModeratePromptRequest request, StageFailedException failure) {
        LOG.errorf(failure.getCause(), "prompt stage %s failed for task %s", failure.stage(), request.getTaskId());
        metrics.recordError(ModerationMetrics.KIND_PROMPT);
        return Status.UNAVAILABLE
                .withDescription("prompt moderation stage " + failure.stage() + " is unavailable; retry later")
                .asRuntimeException();
    }
}
