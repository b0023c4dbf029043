package dev.heavyweight.worker.client;

import com.google.protobuf.UnsafeByteOperations;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc.ModerationServiceStub;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Asks moderation-service about a generated image. Owns the call's deadline (the earlier of
 * {@code image-moderation.deadline} and the job's own), cancels the call with its Uni, and maps every
 * failure to a {@link JobFailure}: no verdict is never "allowed".
 */
@ApplicationScoped
public class ModerationClient {

    private final ModerationServiceStub stub;
    private final HealthGrpc.HealthStub health;
    private final WorkerConfig config;

    ModerationClient(@GrpcClient("moderation") Channel channel, WorkerConfig config) {
        this.stub = ModerationServiceGrpc.newStub(channel);
        this.health = HealthGrpc.newStub(channel);
        this.config = config;
    }

    /** The verdict on a job's PNG; fails with {@code image_moderation_unavailable} (transient) or the job's deadline. */
    public Uni<ImageVerdict> moderateImage(JobMessage job, Lane lane, byte[] png) {
        CallBudget budget = CallBudget.of(job, config.imageModeration().deadline());
        if (budget.spent()) {
            return Uni.createFrom().failure(new JobFailure(FailureReason.DEADLINE_EXCEEDED,
                    "the task's deadline passed before image moderation", false));
        }
        ModerateImageRequest request = ModerateImageRequest.newBuilder()
                .setTenant(job.tenant())
                .setTaskId(job.taskId())
                // The encoder hands over a fresh array that nobody changes afterwards: no copy needed.
                .setPng(UnsafeByteOperations.unsafeWrap(png))
                .setLane(lane.routingKey())
                .build();
        ModerationServiceStub call = stub.withDeadline(Deadline.after(budget.timeoutMs(), TimeUnit.MILLISECONDS));
        return CancellableCall.onCallersContext(CancellableCall.unary(request, call::moderateImage))
                .onFailure().transform(failure -> noVerdict(failure, budget.jobDeadlineCut()))
                .map(ImageVerdict::of);
    }

    /** Whether moderation-service reports its ModerationService as serving (the standard gRPC health service). */
    public Uni<Boolean> serving() {
        HealthGrpc.HealthStub call = health.withDeadline(
                Deadline.after(config.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS));
        HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(ModerationServiceGrpc.SERVICE_NAME).build();
        return CancellableCall.onCallersContext(CancellableCall.unary(request, call::check))
                .map(answer -> answer.getStatus() == ServingStatus.SERVING);
    }

    /**
     * Every failure to get a verdict is transient (another attempt may find moderation-service back), except
     * the job's own deadline running out during the call: then the task has expired.
     */
    static JobFailure noVerdict(Throwable failure, boolean jobDeadlineCut) {
        if (Status.fromThrowable(failure).getCode() == Status.Code.DEADLINE_EXCEEDED && jobDeadlineCut) {
            return new JobFailure(FailureReason.DEADLINE_EXCEEDED,
                    "the task's deadline passed during image moderation (" + InferenceFailures.describe(failure) + ")",
                    false);
        }
        return new JobFailure(FailureReason.IMAGE_MODERATION_UNAVAILABLE,
                "moderation-service gave no verdict on the image (" + InferenceFailures.describe(failure) + ")", true);
    }
}
