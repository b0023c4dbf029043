package dev.heavyweight.emulator.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.Fault;
import dev.heavyweight.emulator.service.NodeCrashedException;
import dev.heavyweight.emulator.service.SafetyJob;
import dev.heavyweight.emulator.service.SafetyModel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ModelInfer for the safety model on one node: the node's readiness and injected faults apply as to any call,
 * then the image runs on the safety pool, never in a Stable Diffusion slot. The answer is Triton's: output
 * {@code probabilities} FP32 [1,5] in {@code raw_output_contents}, little-endian, and the class names in the
 * response parameter {@code classes}.
 */
final class SafetyInference {

    private static final InferParameter CLASSES = InferParameter.newBuilder()
            .setStringParam(String.join(",", SafetyModel.CLASSES)).build();

    private final EmulatedNode node;

    SafetyInference(EmulatedNode node) {
        this.node = node;
    }

    void infer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        long arrived = node.now();
        Fault fault;
        byte[] rgb;
        try {
            if (!node.ready()) {
                throw Status.UNAVAILABLE.withDescription("node " + node.name() + " is not ready").asRuntimeException();
            }
            rgb = SafetyRequestReader.read(request);
            fault = node.faults().draw();
            if (fault.fails()) {
                throw fault.status().asRuntimeException();
            }
        } catch (StatusRuntimeException e) {
            node.refuse(request.getId(), request.getModelName(), 0, arrived, e.getStatus().getCode());
            observer.onError(e);
            return;
        }
        ServerCallStreamObserver<ModelInferResponse> call = (ServerCallStreamObserver<ModelInferResponse>) observer;
        SafetyJob job = node.classify(request.getId(), rgb, fault.hangs(), arrived);
        call.setOnCancelHandler(() -> node.cancel(job));
        job.result().whenComplete((probabilities, failure) -> {
            // A crashed node's connections are reset: its callers hear nothing more from it.
            if (call.isCancelled() || job.result().isCancelled() || failure instanceof NodeCrashedException) {
                return;
            }
            if (failure instanceof StatusRuntimeException refused) {
                call.onError(refused);
            } else if (failure != null) {
                call.onError(Status.INTERNAL.withDescription("safety model inference failed").withCause(failure)
                        .asRuntimeException());
            } else {
                call.onNext(response(request, probabilities));
                call.onCompleted();
            }
        });
    }

    private static ModelInferResponse response(ModelInferRequest request, float[] probabilities) {
        ByteBuffer raw = ByteBuffer.allocate(probabilities.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float p : probabilities) {
            raw.putFloat(p);
        }
        return ModelInferResponse.newBuilder()
                .setModelName(SafetyModel.NAME)
                .setModelVersion(SafetyModel.VERSION)
                .setId(request.getId())
                .putParameters(SafetyModel.CLASSES_PARAMETER, CLASSES)
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName(SafetyModel.OUTPUT)
                        .setDatatype(SafetyModel.OUTPUT_DATATYPE)
                        .addAllShape(SafetyModel.OUTPUT_SHAPE))
                .addRawOutputContents(ByteString.copyFrom(raw.flip()))
                .build();
    }
}
