package dev.heavyweight.moderation.image;

import com.google.protobuf.UnsafeByteOperations;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferInputTensor;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferRequestedOutputTensor;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ModelReadyResponse;
import dev.heavyweight.contracts.kserve.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls the safety model through the balancer's KServe v2 endpoint (gRPC client {@code balancer}), exactly as one
 * would call Triton. Owns the deadline of each call and the lane metadata; every failure (transport, status,
 * deadline, an answer that does not fit) fails the Uni with {@link SafetyModelException}.
 */
@ApplicationScoped
public class SafetyModelClient {

    /** The balancer admits interactive work before batch work; the image check keeps its task's lane. */
    static final Metadata.Key<String> LANE_HEADER = Metadata.Key.of("heavyweight-lane", Metadata.ASCII_STRING_MARSHALLER);
    static final String INPUT = "image";
    private static final List<Long> INPUT_SHAPE = List.of(1L, (long) SafetyModelInput.SIZE, (long) SafetyModelInput.SIZE, 3L);

    private final MutinyGRPCInferenceServiceStub stub;
    private final ImageModerationConfig.SafetyModel config;

    SafetyModelClient(@GrpcClient("balancer") MutinyGRPCInferenceServiceStub stub, ImageModerationConfig config) {
        this.stub = stub;
        this.config = config.image();
    }

    /** The class probabilities of one 224×224 RGB image; {@code lane} empty leaves the balancer's default. */
    public Uni<Map<String, Double>> classify(String taskId, byte[] rgb, String lane) {
        ModelInferRequest request = ModelInferRequest.newBuilder()
                .setModelName(config.model())
                .setId(taskId)
                .addInputs(InferInputTensor.newBuilder().setName(INPUT).setDatatype("UINT8").addAllShape(INPUT_SHAPE))
                .addOutputs(InferRequestedOutputTensor.newBuilder().setName(SafetyModelAnswer.OUTPUT))
                // The array is fresh from the resize and never changed afterwards: no copy needed.
                .addRawInputContents(UnsafeByteOperations.unsafeWrap(rgb))
                .build();
        MutinyGRPCInferenceServiceStub call = stub;
        if (!lane.isEmpty()) {
            Metadata headers = new Metadata();
            headers.put(LANE_HEADER, lane);
            call = call.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return call.withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .modelInfer(request)
                .onFailure().transform(failure -> new SafetyModelException("ModelInfer " + config.model()
                        + " through the balancer failed", failure))
                .map(response -> {
                    try {
                        return SafetyModelAnswer.probabilities(response, config.classes());
                    } catch (IllegalStateException e) {
                        throw new SafetyModelException("the answer of " + config.model() + " does not fit", e);
                    }
                });
    }

    /** Whether the balancer reports the model ready (some node can serve it). */
    public Uni<Boolean> modelReady() {
        return stub.withDeadlineAfter(config.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .modelReady(ModelReadyRequest.newBuilder().setName(config.model()).build())
                .map(ModelReadyResponse::getReady);
    }

    /** The model name the client calls. */
    public String model() {
        return config.model();
    }
}
