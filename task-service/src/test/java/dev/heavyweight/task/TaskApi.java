package dev.heavyweight.task;

import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.GetTenantRequest;
import dev.heavyweight.contracts.task.ListEventsRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.Tenant;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain gRPC client of the TaskService under test, as the gateway would use it. */
final class TaskApi implements AutoCloseable {

    private final ManagedChannel channel;
    private final TaskServiceGrpc.TaskServiceBlockingStub stub;

    TaskApi() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = TaskServiceGrpc.newBlockingStub(channel);
    }

    /** The submitted (or, for a repeated idempotency key, the original) task. */
    Task submit(SubmitRequest request) {
        return submitResponse(request).getTask();
    }

    SubmitResponse submitResponse(SubmitRequest request) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).submit(request);
    }

    Task get(String tenant, String id) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).get(GetRequest.newBuilder().setTenant(tenant).setId(id).build());
    }

    Task cancel(String tenant, String id) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .cancel(CancelRequest.newBuilder().setTenant(tenant).setId(id).build());
    }

    ListResponse list(ListRequest request) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).list(request);
    }

    ListEventsResponse events(String tenant, String id, long afterEventId) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).listEvents(ListEventsRequest.newBuilder()
                .setTenant(tenant).setId(id).setAfterEventId(afterEventId).build());
    }

    Feedback feedback(FeedbackRequest request) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).putFeedback(request);
    }

    long download(String tenant, String id, String user, String channel) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).recordDownload(RecordDownloadRequest.newBuilder()
                .setTenant(tenant).setId(id).setUser(user).setChannel(channel).build()).getDownloads();
    }

    Tenant tenant(String tenant) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).getTenant(GetTenantRequest.newBuilder().setTenant(tenant).build());
    }

    /** The task once it reached {@code state}, waiting for it. */
    Task awaitState(Task task, TaskState state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> get(task.getTenant(), task.getId()), current -> current.getState() == state);
    }

    /** Submits and waits for the relay to have the prompt checked and the task QUEUED. */
    Task submitQueued(SubmitRequest request) {
        Task accepted = submit(request);
        return awaitState(accepted, TaskState.TASK_STATE_QUEUED);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
