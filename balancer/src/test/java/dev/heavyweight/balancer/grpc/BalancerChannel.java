package dev.heavyweight.balancer.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.tensor.TensorCodec;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The balancer's KServe v2 port as a Triton client (the inference worker) sees it. */
final class BalancerChannel implements AutoCloseable {

    static final String SD15 = "stable_diffusion_1_5";

    private static final Metadata.Key<String> LANE = Metadata.Key.of("heavyweight-lane", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", 18001)
            .usePlaintext()
            .maxInboundMessageSize(TritonNodeClient.MAX_MESSAGE_BYTES)
            .build();

    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blockingWithoutDeadline() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub future() {
        return GRPCInferenceServiceGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** As the worker calls: the lane in the {@code heavyweight-lane} metadata. */
    GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub future(Lane lane) {
        Metadata headers = new Metadata();
        headers.put(LANE, lane.routingKey());
        return future().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static ModelInferRequest request(String model, String id) {
        return ModelInferRequest.newBuilder()
                .setModelName(model)
                .setId(id)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName("prompt").setDatatype("BYTES").addShape(1).addShape(1))
                .addRawInputContents(ByteString.copyFrom(TensorCodec.encodeStrings(List.of("a cat"))))
                .build();
    }

    static ModelInferRequest request(String id) {
        return request(SD15, id);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
