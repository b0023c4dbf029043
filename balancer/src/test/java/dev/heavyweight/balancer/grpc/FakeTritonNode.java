package dev.heavyweight.balancer.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ModelReadyResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import dev.heavyweight.contracts.models.ModelContract;
import dev.heavyweight.contracts.models.TensorSpec;
import dev.heavyweight.contracts.models.WarmUp;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted KServe v2 peer standing in for one Triton node: the test decides whether it is ready, which models
 * it serves (Stable Diffusion only unless told, like an emulator without the safety model) and how it answers
 * ModelInfer, per model if need be (at once, UNAVAILABLE, or held until the test releases it), and reads which
 * requests reached it and which of those were cancelled. Its answer's raw output is its own name, so a test can
 * see which node produced the response the balancer returned. Its ModelMetadata declares the platform's contract
 * unless the test renames an input; warm-ups are answered with an image at once, apart from the requests it records.
 */
public final class FakeTritonNode implements GRPCInferenceServiceGrpc.AsyncService {

    public enum Answer { IMAGE, UNAVAILABLE, HOLD }

    static final Set<String> STABLE_DIFFUSION = Set.of("stable_diffusion_1_5", "stable_diffusion_xl");
    static final String SAFETY = "nsfw_mobilenet_v2";

    private final String name;
    private final String host;
    private final Server server;
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.IMAGE);
    private final Map<String, Answer> answerByModel = new ConcurrentHashMap<>();
    private final AtomicBoolean unknownModelsNotFound = new AtomicBoolean();
    private final AtomicInteger modelReadyCalls = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> cancelled = new CopyOnWriteArrayList<>();
    private final Map<String, Runnable> held = new ConcurrentHashMap<>();
    private final AtomicReference<Deadline> lastDeadline = new AtomicReference<>();
    private final Map<String, String> renamedInputs = new ConcurrentHashMap<>();
    private final AtomicReference<Status> warmUpFailure = new AtomicReference<>();
    private final AtomicInteger warmUps = new AtomicInteger();

    FakeTritonNode(String name, String host, int port) {
        this.name = name;
        this.host = host;
        served.addAll(STABLE_DIFFUSION);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(GRPCInferenceServiceGrpc.bindService(this))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return host + ":" + server.getPort();
    }

    String name() {
        return name;
    }

    void ready(boolean value) {
        ready.set(value);
    }

    /** How ModelInfer of every model without an answer of its own is answered. */
    void answer(Answer value) {
        answer.set(value);
    }

    void answer(String model, Answer value) {
        answerByModel.put(model, value);
    }

    /** Serves exactly these models from now on: ModelReady true, ModelInfer answered. */
    void serve(String... models) {
        served.retainAll(Set.of(models));
        served.addAll(Set.of(models));
    }

    Set<String> served() {
        return Set.copyOf(served);
    }

    /** True: ModelReady of a model not served fails with NOT_FOUND (as some servers answer) instead of false. */
    void unknownModelsNotFound(boolean value) {
        unknownModelsNotFound.set(value);
    }

    /** Declares input {@code from} of every model as {@code to} in ModelMetadata: a broken model contract. */
    void renameInput(String from, String to) {
        renamedInputs.put(from, to);
    }

    /** Warm-up inferences ({@link WarmUp#REQUEST_ID}) fail with this status; null: they succeed. */
    void failWarmUps(Status status) {
        warmUpFailure.set(status);
    }

    /** Warm-up inferences that reached this node; they are answered at once and not counted as received. */
    int warmUps() {
        return warmUps.get();
    }

    int modelReadyCalls() {
        return modelReadyCalls.get();
    }

    /** Ids of the ModelInfer requests that reached this node, in arrival order. */
    List<String> received() {
        return List.copyOf(received);
    }

    int inferCalls() {
        return received.size();
    }

    /** Ids of held requests whose call was cancelled before the test released them. */
    List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    int heldCount() {
        return held.size();
    }

    /** Answers every held request with an image. */
    void releaseHeld() {
        held.keySet().forEach(id -> {
            Runnable answer = held.remove(id);
            if (answer != null) {
                answer.run();
            }
        });
    }

    Deadline lastDeadline() {
        return lastDeadline.get();
    }

    void reset() {
        ready.set(true);
        serve(STABLE_DIFFUSION.toArray(String[]::new));
        unknownModelsNotFound.set(false);
        answer.set(Answer.IMAGE);
        answerByModel.clear();
        renamedInputs.clear();
        warmUpFailure.set(null);
        releaseHeld();
        received.clear();
        cancelled.clear();
        lastDeadline.set(null);
    }

    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        observer.onNext(ServerReadyResponse.newBuilder().setReady(ready.get()).build());
        observer.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        modelReadyCalls.incrementAndGet();
        boolean known = served.contains(request.getName());
        if (!known && unknownModelsNotFound.get()) {
            observer.onError(notFound(request.getName()).asRuntimeException());
            return;
        }
        observer.onNext(ModelReadyResponse.newBuilder().setReady(known).build());
        observer.onCompleted();
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        if (!served.contains(request.getName())) {
            observer.onError(notFound(request.getName()).asRuntimeException());
            return;
        }
        ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder().setName(request.getName())
                .addVersions("1").setPlatform(name);
        ModelContract.find(request.getName()).ifPresent(contract -> {
            contract.inputs().forEach(t -> metadata.addInputs(tensor(renamedInputs.getOrDefault(t.name(), t.name()), t)));
            contract.outputs().forEach(t -> metadata.addOutputs(tensor(t.name(), t)));
        });
        observer.onNext(metadata.build());
        observer.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        if (WarmUp.REQUEST_ID.equals(request.getId())) {
            warmUp(request, observer);
            return;
        }
        received.add(request.getId());
        lastDeadline.set(Context.current().getDeadline());
        if (!served.contains(request.getModelName())) {
            observer.onError(notFound(request.getModelName()).asRuntimeException());
            return;
        }
        switch (answerByModel.getOrDefault(request.getModelName(), answer.get())) {
            case UNAVAILABLE -> observer.onError(
                    Status.UNAVAILABLE.withDescription(name + " is overloaded").asRuntimeException());
            case HOLD -> {
                held.put(request.getId(), () -> image(request, observer));
                Context.current().addListener(context -> {
                    if (held.remove(request.getId()) != null) {
                        cancelled.add(request.getId());
                    }
                }, Runnable::run);
            }
            case IMAGE -> image(request, observer);
        }
    }

    private void image(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        observer.onNext(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .setModelVersion("1")
                .setId(request.getId())
                .addRawOutputContents(ByteString.copyFrom(name, StandardCharsets.UTF_8))
                .build());
        observer.onCompleted();
    }

    private void warmUp(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        warmUps.incrementAndGet();
        Status failure = warmUpFailure.get();
        if (failure != null) {
            observer.onError(failure.asRuntimeException());
            return;
        }
        long width = request.getParametersOrThrow("width").getInt64Param();
        long height = request.getParametersOrThrow("height").getInt64Param();
        observer.onNext(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .setId(request.getId())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("generated_image")
                        .setDatatype("UINT8").addAllShape(List.of(1L, height, width, 3L)))
                .addRawOutputContents(ByteString.copyFrom(new byte[(int) (width * height * 3)]))
                .build());
        observer.onCompleted();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(String name, TensorSpec spec) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(name).setDatatype(spec.datatype())
                .addAllShape(spec.shape()).build();
    }

    private static Status notFound(String model) {
        return Status.NOT_FOUND.withDescription("Request for unknown model: '" + model + "' is not found");
    }
}
