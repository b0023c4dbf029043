package dev.heavyweight.task;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
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

    Task submit(SubmitRequest request) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).submit(request);
    }

    Task get(String tenant, String id) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).get(GetRequest.newBuilder().setTenant(tenant).setId(id).build());
    }

    Task cancel(String tenant, String id) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .cancel(CancelRequest.newBuilder().setTenant(tenant).setId(id).build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
