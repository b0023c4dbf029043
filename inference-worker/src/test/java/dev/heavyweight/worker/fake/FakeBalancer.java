package dev.heavyweight.worker.fake;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelContract;
import dev.heavyweight.contracts.models.TensorSpec;
import dev.heavyweight.contracts.models.WarmUp;
import dev.heavyweight.contracts.tensor.TensorCodec;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scripted KServe v2 peer standing in for the balancer: ready, and answering ModelInfer for the
 * catalog's models with a deterministic UINT8 [1,H,W,3] image. It records every request with the lane
 * header it carried, can refuse (UNAVAILABLE), answer with a wrong-sized image, fail the next N calls
 * with a chosen status, or hold calls until the test releases them ({@link HeldCalls}), counting how
 * many run at once per lane and which calls the client cancelled.
 */
public final class FakeBalancer implements AutoCloseable {

    public enum Mode { SERVE, UNAVAILABLE, WRONG_SIZE }

    /** One ModelInfer call as the fake received it. */
    public record Received(ModelInferRequest request, String lane) {
    }

    private static final Metadata.Key<String> LANE_HEADER =
            Metadata.Key.of("heavyweight-lane", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> LANE = Context.key("lane");

    private final Server server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HeldCalls calls = new HeldCalls(this::answer);
    private volatile Mode mode = Mode.SERVE;
    private final Map<String, String> renamedInputs = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger warmUps = new java.util.concurrent.atomic.AtomicInteger();
    private int failuresLeft;
    private Status failWith;

    private FakeBalancer(int port) {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .maxInboundMessageSize(16 * 1024 * 1024)
                .addService(ServerServiceDefinition.builder(GRPCInferenceServiceGrpc.SERVICE_NAME)
                        .addMethod(GRPCInferenceServiceGrpc.getServerReadyMethod(),
                                ServerCalls.asyncUnaryCall(FakeBalancer::serverReady))
                        .addMethod(GRPCInferenceServiceGrpc.getModelMetadataMethod(),
                                ServerCalls.asyncUnaryCall(this::modelMetadata))
                        .addMethod(GRPCInferenceServiceGrpc.getModelInferMethod(),
                                capturingLane(ServerCalls.asyncUnaryCall(this::modelInfer)))
                        .build())
                .build();
    }

    public static FakeBalancer start(int port) {
        FakeBalancer fake = new FakeBalancer(port);
        try {
            fake.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The next {@code count} ModelInfer calls fail with {@code status}. */
    public synchronized void failNext(int count, Status status) {
        failuresLeft = count;
        failWith = status;
    }

    /** ModelMetadata declares input {@code from} as {@code to}: the contract the worker checks at start is broken. */
    public void renameInput(String from, String to) {
        renamedInputs.put(from, to);
    }

    /** Warm-up inferences received; they are answered at once, never recorded, held or failed by a script. */
    public int warmUps() {
        return warmUps.get();
    }

    /** Calls being held, released, counted and cancelled. */
    public HeldCalls calls() {
        return calls;
    }

    /** Back to answering every call at once, with nothing held or scripted and fresh counts. */
    public void reset() {
        mode = Mode.SERVE;
        failNext(0, null);
        calls.reset();
        renamedInputs.clear();
    }

    /** The request made for a task (its id is the task id), if one arrived. */
    public Optional<Received> requestFor(String taskId) {
        return received.stream().filter(r -> r.request().getId().equals(taskId)).findFirst();
    }

    /** How many ModelInfer calls arrived for a task. */
    public long requestsFor(String taskId) {
        return received.stream().filter(r -> r.request().getId().equals(taskId)).count();
    }

    /** Task ids of every ModelInfer call, in arrival order. */
    public List<String> arrivals() {
        return received.stream().map(r -> r.request().getId()).toList();
    }

    /** The image the fake generates: every channel a simple function of position and seed. */
    public static byte[] image(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb[i++] = (byte) (x + seed);
                rgb[i++] = (byte) (y * 3);
                rgb[i++] = (byte) (x ^ y);
            }
        }
        return rgb;
    }

    /** The pixel at (x, y) of {@link #image} as 0xRRGGBB. */
    public static int pixel(int x, int y, long seed) {
        return ((x + (int) seed) & 0xff) << 16 | ((y * 3) & 0xff) << 8 | ((x ^ y) & 0xff);
    }

    @Override
    public void close() throws InterruptedException {
        calls.reset();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        response.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
        response.onCompleted();
    }

    private void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        Optional<ModelContract> contract = ModelContract.find(request.getName());
        if (contract.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("unknown model '" + request.getName() + "'")
                    .asRuntimeException());
            return;
        }
        ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder().setName(request.getName())
                .addVersions("1").setPlatform("python");
        contract.get().inputs().forEach(t -> metadata.addInputs(tensor(renamedInputs.getOrDefault(t.name(), t.name()), t)));
        contract.get().outputs().forEach(t -> metadata.addOutputs(tensor(t.name(), t)));
        response.onNext(metadata.build());
        response.onCompleted();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(String name, TensorSpec spec) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(name).setDatatype(spec.datatype())
                .addAllShape(spec.shape()).build();
    }

    private void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        if (WarmUp.REQUEST_ID.equals(request.getId())) {
            warmUps.incrementAndGet();
            image(request, response, false);
            return;
        }
        String lane = LANE.get();
        received.add(new Received(request, lane));
        Status scripted = nextScriptedFailure();
        if (scripted != null) {
            response.onError(scripted.asRuntimeException());
            return;
        }
        calls.arrived(request, lane, (ServerCallStreamObserver<ModelInferResponse>) response);
    }

    private synchronized Status nextScriptedFailure() {
        if (failuresLeft <= 0) {
            return null;
        }
        failuresLeft--;
        return failWith;
    }

    private void answer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        if (mode == Mode.UNAVAILABLE) {
            response.onError(Status.UNAVAILABLE.withDescription("no node is ready").asRuntimeException());
            return;
        }
        if (ModelCatalog.find(request.getModelName()).isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("unknown model '" + request.getModelName() + "'")
                    .asRuntimeException());
            return;
        }
        image(request, response, mode == Mode.WRONG_SIZE);
    }

    private static void image(ModelInferRequest request, StreamObserver<ModelInferResponse> response,
                              boolean wrongSize) {
        Map<String, InferParameter> params = request.getParametersMap();
        int width = (int) params.get(ModelCatalog.PARAM_WIDTH).getInt64Param();
        int height = (int) params.get(ModelCatalog.PARAM_HEIGHT).getInt64Param();
        long seed = params.get(ModelCatalog.PARAM_SEED).getInt64Param();
        if (wrongSize) {
            width = width / 2;
        }
        response.onNext(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .setId(request.getId())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName(ModelCatalog.OUTPUT_IMAGE)
                        .setDatatype(TensorCodec.UINT8)
                        .addAllShape(List.of(1L, (long) height, (long) width, 3L)))
                .addRawOutputContents(ByteString.copyFrom(image(width, height, seed)))
                .build());
        response.onCompleted();
    }

    /**
     * Makes the lane header readable in the handler. Built from plain handlers rather than a service
     * class or interceptor class, which Quarkus would otherwise pick up and serve from the worker itself.
     */
    private static <Q, R> ServerCallHandler<Q, R> capturingLane(ServerCallHandler<Q, R> next) {
        return (call, headers) -> Contexts.interceptCall(
                Context.current().withValue(LANE, headers.get(LANE_HEADER)), call, headers, next);
    }
}
