package dev.heavyweight.worker.client;

import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Calls the balancer exactly as one would call a Triton server (KServe v2 gRPC). Owns the deadline of
 * each call and maps every error to a {@link JobFailure} whose detail names the gRPC status.
 */
@ApplicationScoped
public class TritonClient {

    /** The lane travels as metadata: the balancer admits interactive requests before batch ones. */
    private static final Metadata.Key<String> LANE_HEADER =
            Metadata.Key.of("heavyweight-lane", Metadata.ASCII_STRING_MARSHALLER);

    private final MutinyGRPCInferenceServiceStub stub;
    private final WorkerConfig config;

    TritonClient(@GrpcClient("balancer") MutinyGRPCInferenceServiceStub stub, WorkerConfig config) {
        this.stub = stub;
        this.config = config;
    }

    /** Generates the job's image; fails with {@code inference_failed} or {@code bad_model_output}. */
    public Uni<RgbImage> generate(JobMessage job, Lane lane) {
        return Uni.createFrom().deferred(() -> infer(job, lane))
                .onFailure().transform(TritonClient::inferenceFailed)
                .map(response -> StableDiffusionContract.image(response, job.width(), job.height()));
    }

    /** The balancer's own readiness (true once it can dispatch to at least one node). */
    public Uni<Boolean> serverReady() {
        return Uni.createFrom().deferred(() -> stub
                .withDeadline(Deadline.after(config.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .serverReady(ServerReadyRequest.getDefaultInstance()))
                .map(ServerReadyResponse::getReady);
    }

    private Uni<ModelInferResponse> infer(JobMessage job, Lane lane) {
        Metadata headers = new Metadata();
        headers.put(LANE_HEADER, lane.routingKey());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadline(deadlineFor(job))
                .modelInfer(StableDiffusionContract.request(job));
    }

    /** The earlier of the job's own deadline and the configured longest inference. */
    private Deadline deadlineFor(JobMessage job) {
        long timeoutMs = config.inferenceTimeout().toMillis();
        if (job.deadlineMs() > 0) {
            timeoutMs = Math.min(timeoutMs, job.deadlineMs() - System.currentTimeMillis());
        }
        return Deadline.after(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** A one-line description of a gRPC failure: the status code, then the peer's description. */
    public static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().getMessage();
        }
        return description == null ? status.getCode().name() : status.getCode().name() + ": " + description;
    }

    private static JobFailure inferenceFailed(Throwable failure) {
        return new JobFailure(FailureReason.INFERENCE_FAILED, "balancer answered " + describe(failure));
    }
}
