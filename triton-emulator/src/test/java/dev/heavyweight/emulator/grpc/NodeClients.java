package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.GRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import java.util.concurrent.TimeUnit;

/** A plaintext channel to one emulated node, as a Triton client opens it. */
final class NodeClients implements AutoCloseable {

    private final ManagedChannel channel;

    NodeClients(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .maxInboundMessageSize(NodeServers.MAX_MESSAGE_BYTES)
                .build();
    }

    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** A stub whose calls give up after {@code millis}. */
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking(long millis) {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
    }

    GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub future() {
        return GRPCInferenceServiceGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
