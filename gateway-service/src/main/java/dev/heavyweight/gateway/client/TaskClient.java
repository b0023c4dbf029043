package dev.heavyweight.gateway.client;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.MutinyTaskServiceGrpc.MutinyTaskServiceStub;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.gateway.config.GatewayConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * task-service over gRPC (client {@code tasks}). Every call gets the configured deadline, and fails with
 * {@link TaskNotFoundException}, {@link UpstreamInvalidArgumentException}, {@link TaskConflictException},
 * {@link UpstreamUnavailableException} or {@link UpstreamFailureException}, never a raw gRPC status.
 */
@Singleton
public class TaskClient {

    private final MutinyTaskServiceStub stub;
    private final long timeoutMillis;

    TaskClient(@GrpcClient("tasks") MutinyTaskServiceStub stub, GatewayConfig config) {
        this.stub = stub;
        this.timeoutMillis = config.taskTimeout().toMillis();
    }

    public Uni<Task> submit(SubmitRequest request) {
        return call("Submit", s -> s.submit(request));
    }

    public Uni<Task> get(String tenant, String id) {
        return call("Get", s -> s.get(GetRequest.newBuilder().setTenant(tenant).setId(id).build()));
    }

    public Uni<Task> cancel(String tenant, String id) {
        return call("Cancel", s -> s.cancel(CancelRequest.newBuilder().setTenant(tenant).setId(id).build()));
    }

    private Uni<Task> call(String operation, Function<MutinyTaskServiceStub, Uni<Task>> rpc) {
        // The deadline starts when the call is made, not when the Uni is built.
        return Uni.createFrom().deferred(() -> rpc.apply(stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)))
                .onFailure().transform(failure -> TaskServiceErrors.map(operation, failure));
    }
}
