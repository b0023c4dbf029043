package dev.heavyweight.gateway.rest;

import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import dev.heavyweight.contracts.task.TaskState;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for task-service's gRPC API (the real one lives in another module): it keeps tasks
 * in memory, answers Get/Cancel like task-service, and fails on request. A submitted prompt of the form
 * {@code fail:CODE:description} is answered with that status instead of a task. It is deliberately not a
 * {@code BindableService}, so Quarkus does not mistake it for a service of the gateway's own.
 */
public class ScriptedTaskService implements TaskServiceGrpc.AsyncService {

    private static final Set<TaskState> FINISHED = Set.of(TaskState.TASK_STATE_SUCCEEDED, TaskState.TASK_STATE_FAILED,
            TaskState.TASK_STATE_REJECTED, TaskState.TASK_STATE_CANCELLED, TaskState.TASK_STATE_EXPIRED);

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final List<SubmitRequest> submissions = new CopyOnWriteArrayList<>();
    private volatile Status outage;

    public Task put(Task task) {
        tasks.put(task.getId(), task);
        return task;
    }

    public List<SubmitRequest> submissions() {
        return submissions;
    }

    /** Every call fails with {@code status} until {@link #recover()}. */
    public void goDown(Status status) {
        outage = status;
    }

    public void recover() {
        outage = null;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<Task> response) {
        if (failedForOutage(response)) {
            return;
        }
        submissions.add(request);
        if (request.getPrompt().startsWith("fail:")) {
            String[] parts = request.getPrompt().split(":", 3);
            response.onError(Status.fromCode(Status.Code.valueOf(parts[1])).withDescription(parts[2]).asRuntimeException());
            return;
        }
        Task task = Task.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setTenant(request.getTenant())
                .setState(TaskState.TASK_STATE_QUEUED)
                .setLane(request.getLane())
                .setModel(request.getModel())
                .setPrompt(request.getPrompt())
                .setNegativePrompt(request.getNegativePrompt())
                .setWidth(request.getWidth())
                .setHeight(request.getHeight())
                .setSteps(request.getSteps())
                .setSeed(request.hasSeed() ? request.getSeed() : 42)
                .setAttempt(1)
                .setCreatedAtMs(1_700_000_000_000L)
                .setUpdatedAtMs(1_700_000_000_100L)
                .setQueuedAtMs(1_700_000_000_100L)
                .build();
        response.onNext(put(task));
        response.onCompleted();
    }

    @Override
    public void get(GetRequest request, StreamObserver<Task> response) {
        if (failedForOutage(response)) {
            return;
        }
        Task task = tasks.get(request.getId());
        if (task == null || !task.getTenant().equals(request.getTenant())) {
            response.onError(Status.NOT_FOUND.withDescription("no task " + request.getId()).asRuntimeException());
            return;
        }
        response.onNext(task);
        response.onCompleted();
    }

    @Override
    public void cancel(CancelRequest request, StreamObserver<Task> response) {
        if (failedForOutage(response)) {
            return;
        }
        Task task = tasks.get(request.getId());
        if (task == null || !task.getTenant().equals(request.getTenant())) {
            response.onError(Status.NOT_FOUND.withDescription("no task " + request.getId()).asRuntimeException());
            return;
        }
        if (FINISHED.contains(task.getState())) {
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("task " + task.getId() + " already " + task.getState()).asRuntimeException());
            return;
        }
        Task cancelled = put(task.toBuilder().setState(TaskState.TASK_STATE_CANCELLED).setReason("cancelled")
                .setFinishedAtMs(1_700_000_009_000L).build());
        response.onNext(cancelled);
        response.onCompleted();
    }

    private boolean failedForOutage(StreamObserver<Task> response) {
        Status down = outage;
        if (down != null) {
            response.onError(down.asRuntimeException());
            return true;
        }
        return false;
    }
}
