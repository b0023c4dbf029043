package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.service.InferenceDispatcher;
import dev.heavyweight.balancer.service.NodeRegistry;
import dev.heavyweight.contracts.kserve.GRPCInferenceService;
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
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.mutiny.Uni;

/**
 * The balancer's KServe v2 endpoint: the same service Triton serves, so a client cannot tell it from one
 * Triton. Inference and model calls are forwarded to the Triton nodes; server calls describe the balancer.
 */
@GrpcService
public class InferenceProxyService implements GRPCInferenceService {

    static final String SERVER_NAME = "heavyweight-balancer";

    private final InferenceDispatcher dispatcher;
    private final NodeRegistry registry;
    private final BalancerConfig config;
    private final String version;

    public InferenceProxyService(InferenceDispatcher dispatcher, NodeRegistry registry, BalancerConfig config,
                                 ApplicationConfig application) {
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.config = config;
        this.version = application.version().orElse("dev");
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        boolean ready = !registry.readyNodes().isEmpty();
        return Uni.createFrom().item(ServerReadyResponse.newBuilder().setReady(ready).build());
    }

    @Override
    public Uni<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
        return Uni.createFrom().item(ServerMetadataResponse.newBuilder()
                .setName(SERVER_NAME)
                .setVersion(version)
                .build());
    }

    @Override
    public Uni<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        CallerContext caller = CallerContext.current();
        return caller.cancelledWithCaller(dispatcher.modelReady(request, caller.deadlineOr(config.metadataTimeout())))
                .map(ready -> ModelReadyResponse.newBuilder().setReady(ready).build());
    }

    @Override
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        CallerContext caller = CallerContext.current();
        return caller.cancelledWithCaller(dispatcher.metadata(request, caller.deadlineOr(config.metadataTimeout())));
    }

    @Override
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        CallerContext caller = CallerContext.current();
        return caller.cancelledWithCaller(dispatcher.infer(request, caller.deadlineOr(config.inferTimeout())));
    }
}
