package dev.heavyweight.balancer.client;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ModelReadyResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.kserve.ServerReadyResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Triton node's KServe v2 endpoint over a single plaintext channel. Every call carries an explicit
 * deadline and is cancelled on the node when its {@link Uni} is cancelled. Failures arrive as the node's
 * {@code StatusRuntimeException} (a broken connection is UNAVAILABLE), untouched, so callers can pass them on.
 */
public final class TritonNodeClient implements AutoCloseable {

    /** A 1024×1024 RGB image alone is 3 MiB, over grpc-java's 4 MiB default with any headroom. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final String address;
    private final ManagedChannel channel;

    private TritonNodeClient(String address, ManagedChannel channel) {
        this.address = address;
        this.channel = channel;
    }

    /** Opens a channel to {@code host:port}; it connects lazily and reconnects by itself. */
    public static TritonNodeClient connect(String address) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(address)
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        return new TritonNodeClient(address, channel);
    }

    public String address() {
        return address;
    }

    public Uni<Boolean> serverReady(Duration timeout) {
        return unary(GRPCInferenceServiceGrpc.getServerReadyMethod(), ServerReadyRequest.getDefaultInstance(),
                deadlineAfter(timeout)).map(ServerReadyResponse::getReady);
    }

    public Uni<Boolean> modelReady(ModelReadyRequest request, Deadline deadline) {
        return unary(GRPCInferenceServiceGrpc.getModelReadyMethod(), request, deadline)
                .map(ModelReadyResponse::getReady);
    }

    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request, Deadline deadline) {
        return unary(GRPCInferenceServiceGrpc.getModelMetadataMethod(), request, deadline);
    }

    public Uni<ModelInferResponse> infer(ModelInferRequest request, Deadline deadline) {
        return unary(GRPCInferenceServiceGrpc.getModelInferMethod(), request, deadline);
    }

    /**
     * As {@link #infer(ModelInferRequest, Deadline)}, continuing the caller's trace on the node: the W3C trace
     * context {@code trace} goes out as {@code traceparent}/{@code tracestate} metadata, as Triton reads it.
     */
    public Uni<ModelInferResponse> infer(ModelInferRequest request, Deadline deadline,
                                         io.opentelemetry.context.Context trace) {
        Metadata headers = new Metadata();
        W3CTraceContextPropagator.getInstance().inject(trace, headers,
                (carrier, key, value) -> carrier.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
        return unary(GRPCInferenceServiceGrpc.getModelInferMethod(), request, deadline, headers);
    }

    private <Q, R> Uni<R> unary(MethodDescriptor<Q, R> method, Q request, Deadline deadline) {
        return unary(method, request, deadline, null);
    }

    private <Q, R> Uni<R> unary(MethodDescriptor<Q, R> method, Q request, Deadline deadline, Metadata headers) {
        return Uni.createFrom().emitter(emitter -> {
            // Detached from whatever gRPC context the subscribing thread carries: deadline and cancellation
            // are passed explicitly, so a retry started on another thread behaves exactly like the first try.
            Context previous = Context.ROOT.attach();
            Channel target = headers == null || headers.keys().isEmpty() ? channel
                    : ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
            ClientCall<Q, R> call = target.newCall(method, CallOptions.DEFAULT.withDeadline(deadline));
            try {
                ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                    @Override
                    public void onNext(R response) {
                        emitter.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        emitter.fail(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
            } finally {
                Context.ROOT.detach(previous);
            }
            emitter.onTermination(() -> call.cancel("caller cancelled the call", null));
        });
    }

    private static Deadline deadlineAfter(Duration timeout) {
        return Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
