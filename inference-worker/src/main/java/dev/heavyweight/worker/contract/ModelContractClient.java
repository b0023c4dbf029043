package dev.heavyweight.worker.contract;

import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.MutinyGRPCInferenceServiceGrpc;
import dev.heavyweight.contracts.kserve.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.models.WarmUp;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/** ModelMetadata and the warm-up ModelInfer through the balancer, each with its own deadline. */
@ApplicationScoped
public class ModelContractClient {

    private final MutinyGRPCInferenceServiceStub stub;
    private final ModelContractConfig config;

    ModelContractClient(@GrpcClient("balancer") Channel channel, ModelContractConfig config) {
        this.stub = MutinyGRPCInferenceServiceGrpc.newMutinyStub(channel);
        this.config = config;
    }

    Uni<ModelMetadataResponse> metadata(String model) {
        return Uni.createFrom().deferred(() -> stub
                .withDeadlineAfter(config.metadataTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()));
    }

    Uni<ModelInferResponse> warmUp(ModelSpec model) {
        return Uni.createFrom().deferred(() -> stub
                .withDeadlineAfter(config.warmUpTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .modelInfer(WarmUp.request(model)));
    }
}
