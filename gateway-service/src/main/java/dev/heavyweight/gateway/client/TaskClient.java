package dev.heavyweight.gateway.client;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.GetTenantRequest;
import dev.heavyweight.contracts.task.ListEventsRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.MutinyTaskServiceGrpc.MutinyTaskServiceStub;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.RecordDownloadResponse;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.Tenant;
import dev.heavyweight.gateway.config.GatewayConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * task-service over gRPC (client {@code tasks}). Every call gets the configured deadline, and fails with
 * the gateway's own exceptions ({@link TaskServiceErrors}), never a raw gRPC status.
 */
@Singleton
public class TaskClient {

    private final MutinyTaskServiceStub stub;
    private final long timeoutMillis;

    TaskClient(@GrpcClient("tasks") MutinyTaskServiceStub stub, GatewayConfig config) {
        this.stub = stub;
        this.timeoutMillis = config.taskTimeout().toMillis();
    }

    public Uni<SubmitResponse> submit(SubmitRequest request) {
        return call(TaskServiceErrors.Operation.SUBMIT, s -> s.submit(request));
    }

    public Uni<Task> get(String tenant, String id) {
        return call(TaskServiceErrors.Operation.GET, s -> s.get(GetRequest.newBuilder().setTenant(tenant).setId(id).build()));
    }

    public Uni<Task> cancel(String tenant, String id) {
        return call(TaskServiceErrors.Operation.CANCEL,
                s -> s.cancel(CancelRequest.newBuilder().setTenant(tenant).setId(id).build()));
    }

    public Uni<ListResponse> list(ListRequest request) {
        return call(TaskServiceErrors.Operation.LIST, s -> s.list(request));
    }

    public Uni<ListEventsResponse> listEvents(String tenant, String id, long afterEventId) {
        return call(TaskServiceErrors.Operation.LIST_EVENTS, s -> s.listEvents(ListEventsRequest.newBuilder()
                .setTenant(tenant).setId(id).setAfterEventId(afterEventId).build()));
    }

    public Uni<Feedback> putFeedback(FeedbackRequest request) {
        return call(TaskServiceErrors.Operation.PUT_FEEDBACK, s -> s.putFeedback(request));
    }

    public Uni<RecordDownloadResponse> recordDownload(RecordDownloadRequest request) {
        return call(TaskServiceErrors.Operation.RECORD_DOWNLOAD, s -> s.recordDownload(request));
    }

    public Uni<Tenant> getTenant(String tenant) {
        return call(TaskServiceErrors.Operation.GET_TENANT,
                s -> s.getTenant(GetTenantRequest.newBuilder().setTenant(tenant).build()));
    }

    public Uni<dev.heavyweight.contracts.task.EconomicsReport> economics(long fromMs, long toMs) {
        return call(TaskServiceErrors.Operation.GET_ECONOMICS, s -> s.getEconomics(
                dev.heavyweight.contracts.task.EconomicsRequest.newBuilder().setFromMs(fromMs).setToMs(toMs).build()));
    }

    public Uni<dev.heavyweight.contracts.task.OperationsReport> operations(long windowSeconds) {
        return call(TaskServiceErrors.Operation.GET_OPERATIONS, s -> s.getOperations(
                dev.heavyweight.contracts.task.OperationsRequest.newBuilder().setWindowSeconds(windowSeconds).build()));
    }

    private <T> Uni<T> call(TaskServiceErrors.Operation operation, Function<MutinyTaskServiceStub, Uni<T>> rpc) {
        // The deadline starts when the call is made, not when the Uni is built.
        return Uni.createFrom().deferred(() -> rpc.apply(stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)))
                .onFailure().transform(failure -> TaskServiceErrors.map(operation, failure));
    }
}
