package dev.heavyweight.task.client;

import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.MutinyModerationServiceGrpc.MutinyModerationServiceStub;
import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.service.CallerContext;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import dev.heavyweight.contracts.messages.ModerationDecision;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Asks moderation-service about a prompt, within the configured deadline. Every failure becomes a
 * {@link ModerationUnavailableException}: callers fail closed and never treat silence as "allowed".
 */
@ApplicationScoped
public class ModerationClient {

    private final MutinyModerationServiceStub stub;
    private final Duration deadline;

    ModerationClient(@GrpcClient("moderation") MutinyModerationServiceStub stub, TaskConfig config) {
        this.stub = stub;
        this.deadline = config.moderation().deadline();
    }

    /** The verdict, delivered on the caller's Vert.x context. */
    public Uni<PromptVerdict> moderatePrompt(String tenant, UUID taskId, String prompt, String negativePrompt) {
        ModeratePromptRequest request = ModeratePromptRequest.newBuilder()
                .setTenant(tenant)
                .setTaskId(taskId.toString())
                .setPrompt(prompt)
                .setNegativePrompt(negativePrompt)
                .build();
        return Uni.createFrom().deferred(() -> stub
                        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .moderatePrompt(request))
                .map(ModerationClient::toVerdict)
                .onFailure().transform(ModerationClient::unavailable)
                .emitOn(CallerContext.current());
    }

    private static PromptVerdict toVerdict(ModerationVerdict verdict) {
        List<ModerationDecision.Topic> topics = verdict.getTopicsList().stream()
                .map(t -> new ModerationDecision.Topic(t.getTopic(), t.getAssessed(), t.getScore(), t.getThreshold(),
                        t.getFlagged(), t.getEngine()))
                .toList();
        String stage = verdict.getStage().isEmpty() ? ModerationDecision.STAGE_PROMPT : verdict.getStage();
        return new PromptVerdict(verdict.getAllowed(), List.copyOf(verdict.getCategoriesList()),
                verdict.getReason(), verdict.getDetail(), new ModerationDecision(stage, verdict.getEngine(), topics));
    }

    private static ModerationUnavailableException unavailable(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription() == null ? "" : ": " + status.getDescription();
        return new ModerationUnavailableException(
                "moderation-service gave no verdict (" + status.getCode() + description + ")", failure);
    }
}
