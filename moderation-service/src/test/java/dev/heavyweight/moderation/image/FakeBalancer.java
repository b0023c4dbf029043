package dev.heavyweight.moderation.image;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ModelReadyResponse;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Function;

/**
 * The balancer's KServe v2 endpoint as moderation-service sees it: records each ModelInfer (request and lane
 * metadata) and answers what the test chose: probabilities, a status, or nothing at all (a hang).
 */
public class FakeBalancer extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase implements ServerInterceptor {

    static final List<String> LABELS = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");

    private volatile Function<byte[], float[]> model = rgb -> new float[] {0.1f, 0f, 0.9f, 0f, 0f};
    private volatile String classesParameter;
    private volatile Status failure;
    private volatile boolean hang;
    private volatile boolean ready = true;
    private volatile ModelInferRequest lastRequest;
    private volatile String lastLane;
    private volatile int inferCalls;
    private volatile String incomingLane;

    /** Answers these probabilities (labels.txt order unless {@link #namingClasses} says otherwise). */
    public void answer(float... probabilities) {
        reset();
        this.model = rgb -> probabilities;
    }

    /** Answers whatever {@code classifier} makes of the image bytes. */
    public void answerWith(Function<byte[], float[]> classifier) {
        reset();
        this.model = classifier;
    }

    /** The next answers carry the {@code classes} parameter, naming the output order. */
    public void namingClasses(String classes) {
        this.classesParameter = classes;
    }

    public void fail(Status status) {
        reset();
        this.failure = status;
    }

    public void hang() {
        reset();
        this.hang = true;
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    public ModelInferRequest lastRequest() {
        return lastRequest;
    }

    /** The {@code heavyweight-lane} metadata of the last ModelInfer, null when it had none. */
    public String lastLane() {
        return lastLane;
    }

    public int inferCalls() {
        return inferCalls;
    }

    private void reset() {
        failure = null;
        hang = false;
        classesParameter = null;
        lastRequest = null;
        lastLane = null;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        incomingLane = headers.get(SafetyModelClient.LANE_HEADER);
        return next.startCall(call, headers);
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        inferCalls++;
        lastRequest = request;
        lastLane = incomingLane;
        if (hang) {
            return;
        }
        if (failure != null) {
            observer.onError(failure.asRuntimeException());
            return;
        }
        float[] probabilities = model.apply(request.getRawInputContents(0).toByteArray());
        ByteBuffer raw = ByteBuffer.allocate(probabilities.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float p : probabilities) {
            raw.putFloat(p);
        }
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .setId(request.getId())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("probabilities").setDatatype("FP32").addShape(1).addShape(probabilities.length))
                .addRawOutputContents(ByteString.copyFrom(raw.flip()));
        if (classesParameter != null) {
            response.putParameters("classes", InferParameter.newBuilder().setStringParam(classesParameter).build());
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        observer.onNext(ModelReadyResponse.newBuilder().setReady(ready && "nsfw_mobilenet_v2".equals(request.getName())).build());
        observer.onCompleted();
    }
}
