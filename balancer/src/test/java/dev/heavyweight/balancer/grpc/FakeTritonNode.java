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
import dev.heavyweight.testsupport.FreePorts;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted KServe v2 peer standing in for one Triton node: the test decides whether it is ready and how it
 * answers ModelInfer, and reads what reached it. Its answer's raw output is its own name, so a test can see
 * which node produced the response the balancer returned.
 */
public final class FakeTritonNode implements GRPCInferenceServiceGrpc.AsyncService {

    public enum Answer { IMAGE, UNAVAILABLE, HANG }

    static final String MODEL = "stable_diffusion_1_5";

    private final String name;
    private final Server server;
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.IMAGE);
    private final AtomicInteger inferCalls = new AtomicInteger();
    private final AtomicInteger cancelledCalls = new AtomicInteger();
    private final AtomicReference<Deadline> lastDeadline = new AtomicReference<>();

    FakeTritonNode(String name) {
        this.name = name;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", FreePorts.next()))
                .addService(GRPCInferenceServiceGrpc.bindService(this))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    String name() {
        return name;
    }

    void ready(boolean value) {
        ready.set(value);
    }

    void answer(Answer value) {
        answer.set(value);
    }

    int inferCalls() {
        return inferCalls.get();
    }

    int cancelledCalls() {
        return cancelledCalls.get();
    }

    Deadline lastDeadline() {
        return lastDeadline.get();
    }

    void reset() {
        ready.set(true);
        answer.set(Answer.IMAGE);
        inferCalls.set(0);
        cancelledCalls.set(0);
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
        observer.onNext(ModelReadyResponse.newBuilder().setReady(MODEL.equals(request.getName())).build());
        observer.onCompleted();
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        if (!MODEL.equals(request.getName())) {
            observer.onError(notFound(request.getName()).asRuntimeException());
            return;
        }
        observer.onNext(ModelMetadataResponse.newBuilder().setName(MODEL).addVersions("1").setPlatform(name).build());
        observer.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        inferCalls.incrementAndGet();
        lastDeadline.set(Context.current().getDeadline());
        if (!MODEL.equals(request.getModelName())) {
            observer.onError(notFound(request.getModelName()).asRuntimeException());
            return;
        }
        switch (answer.get()) {
            case UNAVAILABLE -> observer.onError(
                    Status.UNAVAILABLE.withDescription(name + " is overloaded").asRuntimeException());
            case HANG -> Context.current().addListener(context -> cancelledCalls.incrementAndGet(), Runnable::run);
            case IMAGE -> {
                observer.onNext(ModelInferResponse.newBuilder()
                        .setModelName(request.getModelName())
                        .setModelVersion("1")
                        .setId(request.getId())
                        .addRawOutputContents(ByteString.copyFrom(name, StandardCharsets.UTF_8))
                        .build());
                observer.onCompleted();
            }
        }
    }

    private static Status notFound(String model) {
        return Status.NOT_FOUND.withDescription("Request for unknown model: '" + model + "' is not found");
    }
}
