package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.balancer.service.InferenceDispatcher;
import dev.heavyweight.balancer.service.ModelCallForwarder;
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
import dev.heavyweight.contracts.messages.Lane;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.mutiny.Uni;

/**
 * The balancer's KServe v2 endpoint: the same service Triton serves, so a client cannot tell it from one
 * Triton. Inference goes through the admission scheduler, model calls straight to nodes that take work;
 * server calls describe the balancer.
 */
@GrpcService
public class InferenceProxyService implements GRPCInferenceService {

    static final String SERVER_NAME = "heavyweight-balancer";

    private final InferenceDispatcher dispatcher;
    private final ModelCallForwarder models;
    private final SlotScheduler scheduler;
    private final BalancerConfig config;
    private final String version;

    public InferenceProxyService(InferenceDispatcher dispatcher, ModelCallForwarder models, SlotScheduler scheduler,
                                 BalancerConfig config, ApplicationConfig application) {
        this.dispatcher = dispatcher;
        this.models = models;
        this.scheduler = scheduler;
        this.config = config;
        this.version = application.version().orElse("dev");
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        return Uni.createFrom().item(ServerReadyResponse.newBuilder().setReady(scheduler.ready()).build());
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
        return caller.cancelledWithCaller(models.modelReady(request, caller.deadlineOr(config.metadataTimeout())))
                .map(ready -> ModelReadyResponse.newBuilder().setReady(ready).build());
    }

    @Override
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        CallerContext caller = CallerContext.current();
        return caller.cancelledWithCaller(models.metadata(request, caller.deadlineOr(config.metadataTimeout())));
    }

    @Override
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        CallerContext caller = CallerContext.current();
        Lane lane;
        try {
            lane = caller.lane(request);
        } catch (StatusRuntimeException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        return caller.cancelledWithCaller(dispatcher.infer(request, lane, caller.deadlineOr(config.inferTimeout())));
    }
}
