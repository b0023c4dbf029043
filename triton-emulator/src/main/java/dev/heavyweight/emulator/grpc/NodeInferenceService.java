package dev.heavyweight.emulator.grpc;

import com.google.protobuf.UnsafeByteOperations;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ModelReadyResponse;
import dev.heavyweight.contracts.kserve.ServerLiveRequest;
import dev.heavyweight.contracts.kserve.ServerLiveResponse;
import dev.heavyweight.contracts.kserve.ServerMetadataRequest;
import dev.heavyweight.contracts.kserve.ServerMetadataResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.tensor.RgbImage;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.Fault;
import dev.heavyweight.emulator.service.GenerationRequest;
import dev.heavyweight.emulator.service.NodeCrashedException;
import dev.heavyweight.emulator.service.NodeJob;
import dev.heavyweight.emulator.service.SafetyModel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The KServe v2 {@code GRPCInferenceService} of one emulated node, answering as Triton does. It implements
 * the plain {@code AsyncService} interface rather than extending the {@code ImplBase}, because Quarkus would
 * pick up any {@code BindableService} class and start its own gRPC server for it.
 */
final class NodeInferenceService implements GRPCInferenceServiceGrpc.AsyncService {

    static final String SERVER_NAME = "triton-emulator";

    private final EmulatedNode node;
    private final String version;
    private final SafetyInference safety;
    private final TensorRenames renames;

    NodeInferenceService(EmulatedNode node, String version, TensorRenames renames) {
        this.node = node;
        this.version = version;
        this.renames = renames;
        this.safety = new SafetyInference(node);
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
        answer(observer, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        answer(observer, ServerReadyResponse.newBuilder().setReady(node.ready()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
        answer(observer, ServerMetadataResponse.newBuilder().setName(SERVER_NAME).setVersion(version).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        boolean known = (ModelCatalog.find(request.getName()).isPresent() || isSafetyModel(request.getName()))
                && (request.getVersion().isEmpty() || InferRequestReader.MODEL_VERSION.equals(request.getVersion()));
        answer(observer, ModelReadyResponse.newBuilder().setReady(known && node.ready()).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        try {
            if (isSafetyModel(request.getName()) && (request.getVersion().isEmpty()
                    || SafetyModel.VERSION.equals(request.getVersion()))) {
                answer(observer, ModelDescriptions.safetyModel());
                return;
            }
            ModelSpec model = InferRequestReader.model(request.getName(), request.getVersion());
            answer(observer, ModelDescriptions.metadata(model, renames));
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        if (isSafetyModel(request.getModelName())) {
            safety.infer(request, observer);
            return;
        }
        long arrived = node.now();
        GenerationRequest generation = null;
        Fault fault;
        try {
            if (!node.ready()) {
                throw Status.UNAVAILABLE.withDescription("node " + node.name() + " is not ready").asRuntimeException();
            }
            generation = InferRequestReader.read(renames.toModelNames(request));
            fault = node.faults().draw();
            if (fault.fails()) {
                throw fault.status().asRuntimeException();
            }
        } catch (StatusRuntimeException e) {
            node.refuse(request.getId(), request.getModelName(), generation == null ? 0 : generation.steps(), arrived,
                    e.getStatus().getCode());
            observer.onError(e);
            return;
        }
        ServerCallStreamObserver<ModelInferResponse> call = (ServerCallStreamObserver<ModelInferResponse>) observer;
        NodeJob job = node.submit(request.getId(), generation, fault.hangs(), arrived, TraceMetadata.current());
        call.setOnCancelHandler(() -> node.cancel(job));
        job.result().whenComplete((rendered, failure) -> {
            // A crashed node's connections are reset: its callers hear nothing more from it.
            if (call.isCancelled() || job.result().isCancelled() || failure instanceof NodeCrashedException) {
                return;
            }
            if (failure != null) {
                call.onError(Status.INTERNAL.withDescription("image generation failed").withCause(failure)
                        .asRuntimeException());
            } else {
                answer(call, response(request, rendered, renames));
            }
        });
    }

    private boolean isSafetyModel(String name) {
        return node.servesSafetyModel() && SafetyModel.NAME.equals(name);
    }

    private static ModelInferResponse response(ModelInferRequest request, RgbImage image, TensorRenames renames) {
        ModelInferResponse.InferOutputTensor output = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(renames.declared(ModelCatalog.OUTPUT_IMAGE))
                .setDatatype(TensorCodec.UINT8)
                .addShape(1).addShape(image.height()).addShape(image.width()).addShape(3)
                .build();
        return ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .setModelVersion(InferRequestReader.MODEL_VERSION)
                .setId(request.getId())
                .addOutputs(output)
                // The image array is never touched again, so the response may wrap it without a copy.
                .addRawOutputContents(UnsafeByteOperations.unsafeWrap(image.rgb()))
                .build();
    }

    private static <T> void answer(StreamObserver<T> observer, T response) {
        observer.onNext(response);
        observer.onCompleted();
    }
}
