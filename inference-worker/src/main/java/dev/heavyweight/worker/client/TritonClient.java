package dev.heavyweight.worker.client;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Calls the balancer exactly as one would call a Triton server (KServe v2 gRPC). Owns the deadline of
 * each call, cancels the call when its Uni is cancelled, and maps every error to a {@link JobFailure}
 * (see {@link InferenceFailures} for what counts as transient).
 */
@ApplicationScoped
public class TritonClient {

    /** The lane travels as metadata: the balancer admits interactive requests before batch ones. */
    private static final Metadata.Key<String> LANE_HEADER =
            Metadata.Key.of("heavyweight-lane", Metadata.ASCII_STRING_MARSHALLER);

    private final GRPCInferenceServiceStub stub;
    private final WorkerConfig config;

    TritonClient(@GrpcClient("balancer") Channel channel, WorkerConfig config) {
        this.stub = GRPCInferenceServiceGrpc.newStub(channel);
        this.config = config;
    }

    /** Generates the job's image; fails with a {@link JobFailure} (inference, deadline or model output). */
    public Uni<Inference> generate(JobMessage job, Lane lane) {
        CallBudget budget = CallBudget.of(job, config.inferenceTimeout());
        if (budget.spent()) {
            return Uni.createFrom().failure(new JobFailure(FailureReason.DEADLINE_EXCEEDED,
                    "the task's deadline passed before inference started", false));
        }
        Metadata headers = new Metadata();
        headers.put(LANE_HEADER, lane.routingKey());
        GRPCInferenceServiceStub call = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadline(Deadline.after(budget.timeoutMs(), TimeUnit.MILLISECONDS));
        Uni<ModelInferResponse> response = CancellableCall.onCallersContext(
                CancellableCall.unary(StableDiffusionContract.request(job), call::modelInfer));
        return response
                .onFailure().transform(failure -> InferenceFailures.classify(failure, budget.jobDeadlineCut()))
                .map(answer -> new Inference(StableDiffusionContract.image(answer, job.width(), job.height()),
                        Inference.executionOf(answer)));
    }

    /** The balancer's own readiness (true once it can dispatch to at least one node). */
    public Uni<Boolean> serverReady() {
        GRPCInferenceServiceStub call = stub.withDeadline(
                Deadline.after(config.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS));
        return CancellableCall.onCallersContext(
                        CancellableCall.unary(ServerReadyRequest.getDefaultInstance(), call::serverReady))
                .map(ServerReadyResponse::getReady);
    }
}
