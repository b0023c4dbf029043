package dev.heavyweight.gateway.rest;

import dev.heavyweight.contracts.limits.LimitTrailers;
import dev.heavyweight.contracts.task.CancelRequest;
import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.GetRequest;
import dev.heavyweight.contracts.task.GetTenantRequest;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.ListEventsRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.RateLimit;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
import dev.heavyweight.contracts.task.RecordDownloadResponse;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskEvent;
import dev.heavyweight.contracts.task.TaskServiceGrpc;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.Tenant;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted stand-in for task-service's gRPC API (the real one lives in another module): it keeps tasks,
 * their state changes, idempotency keys, feedback and downloads in memory, scopes every call to its
 * tenant like task-service, and fails on request. A submitted prompt of the form
 * {@code fail:CODE:description} is answered with that status instead of a task. It is deliberately not a
 * {@code BindableService}, so Quarkus does not mistake it for a service of the gateway's own.
 */
public class ScriptedTaskService implements TaskServiceGrpc.AsyncService {

    private static final Set<TaskState> FINISHED = Set.of(TaskState.TASK_STATE_SUCCEEDED, TaskState.TASK_STATE_FAILED,
            TaskState.TASK_STATE_REJECTED, TaskState.TASK_STATE_CANCELLED, TaskState.TASK_STATE_EXPIRED);

    /** What a refused submission's trailers say (see {@link #refuseSubmissions}). */
    public record Refusal(String limit, long retryAfterMs, int limitValue, int remaining, Long resetMs, Double ratePerSecond) {
    }

    private record Keyed(SubmitRequest request, String taskId) {
    }

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, List<TaskEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, Keyed> idempotency = new ConcurrentHashMap<>();
    private final Map<String, Feedback> feedback = new ConcurrentHashMap<>();
    private final List<SubmitRequest> submissions = new CopyOnWriteArrayList<>();
    private final List<RecordDownloadRequest> downloads = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private volatile Status outage;
    private volatile Refusal refusal;
    private volatile Status recordDownloadFailure;
    private volatile java.util.function.Consumer<Task> afterSubmit = task -> { };
    private volatile RateLimit rateLimit = RateLimit.newBuilder()
            .setLimit(20).setRemaining(19).setResetMs(500).setRatePerSecond(2).build();

    /** Stores a task as it is, with one "created" change to its current state. */
    public Task put(Task task) {
        tasks.put(task.getId(), task);
        events.computeIfAbsent(task.getId(), id -> new CopyOnWriteArrayList<>()).add(event(TaskState.TASK_STATE_UNSPECIFIED,
                task.getState(), task.getAttempt()));
        return task;
    }

    /** Moves a stored task to {@code state}, recording the change as task-service would. */
    public Task advance(String id, TaskState state) {
        Task before = tasks.get(id);
        Task.Builder after = before.toBuilder().setState(state).setUpdatedAtMs(clock.addAndGet(1000));
        if (state == TaskState.TASK_STATE_RUNNING) {
            after.setStartedAtMs(clock.get());
        }
        if (FINISHED.contains(state)) {
            after.setFinishedAtMs(clock.get());
        }
        // The change is visible before the task row, as a reader racing the writer may see it.
        events.get(id).add(event(before.getState(), state, before.getAttempt()));
        tasks.put(id, after.build());
        return after.build();
    }

    public Task task(String id) {
        return tasks.get(id);
    }

    public List<SubmitRequest> submissions() {
        return submissions;
    }

    public List<RecordDownloadRequest> downloads() {
        return downloads;
    }

    /** Names of the rpcs called so far, in order. */
    public List<String> calls() {
        return calls;
    }

    /** The bucket reported with every accepted submission. */
    public void reportRateLimit(RateLimit state) {
        rateLimit = state;
    }

    public void putTenant(Tenant tenant) {
        tenants.put(tenant.getTenant(), tenant);
    }

    /** Every submission is refused as RESOURCE_EXHAUSTED with these trailers until {@link #recover()}. */
    public void refuseSubmissions(Refusal refusal) {
        this.refusal = refusal;
    }

    /** Runs (on a thread of its own) after each newly created task is answered, as a worker would pick it up. */
    public void afterSubmit(java.util.function.Consumer<Task> worker) {
        afterSubmit = worker;
    }

    /** RecordDownload alone fails with {@code status} until {@link #recover()}. */
    public void failRecordDownloads(Status status) {
        recordDownloadFailure = status;
    }

    /** Every call fails with {@code status} until {@link #recover()}. */
    public void goDown(Status status) {
        outage = status;
    }

    public void recover() {
        outage = null;
        refusal = null;
        recordDownloadFailure = null;
        afterSubmit = task -> { };
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
        calls.add("Submit");
        if (failedForOutage(response)) {
            return;
        }
        Refusal refused = refusal;
        if (refused != null) {
            response.onError(Status.RESOURCE_EXHAUSTED.withDescription("over the " + refused.limit() + " limit")
                    .asRuntimeException(trailers(refused)));
            return;
        }
        submissions.add(request);
        if (request.getPrompt().startsWith("fail:")) {
            String[] parts = request.getPrompt().split(":", 3);
            response.onError(Status.fromCode(Status.Code.valueOf(parts[1])).withDescription(parts[2]).asRuntimeException());
            return;
        }
        if (!request.getIdempotencyKey().isEmpty()) {
            synchronized (idempotency) {
                String scope = request.getTenant() + "/" + request.getIdempotencyKey();
                SubmitRequest fingerprint = request.toBuilder().clearIdempotencyKey().build();
                Keyed earlier = idempotency.get(scope);
                if (earlier != null) {
                    if (!earlier.request().equals(fingerprint)) {
                        response.onError(Status.ALREADY_EXISTS.withDescription("idempotency key reused").asRuntimeException());
                        return;
                    }
                    respond(response, SubmitResponse.newBuilder().setTask(tasks.get(earlier.taskId())).setReplayed(true)
                            .setRateLimit(rateLimit).build());
                    return;
                }
                Task task = put(newTask(request));
                idempotency.put(scope, new Keyed(fingerprint, task.getId()));
                respond(response, SubmitResponse.newBuilder().setTask(task).setRateLimit(rateLimit).build());
                work(task);
                return;
            }
        }
        Task task = put(newTask(request));
        respond(response, SubmitResponse.newBuilder().setTask(task).setRateLimit(rateLimit).build());
        work(task);
    }

    private void work(Task task) {
        java.util.function.Consumer<Task> worker = afterSubmit;
        Thread thread = new Thread(() -> worker.accept(task), "scripted-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stores the result of a task, as the worker does on success. */
    public Task succeed(String id, String imageKey) {
        tasks.computeIfPresent(id, (key, task) -> task.toBuilder().setImageKey(imageKey).build());
        return advance(id, TaskState.TASK_STATE_SUCCEEDED);
    }

    /** Ends a task without an image. */
    public Task end(String id, TaskState state, String reason, String detail) {
        tasks.computeIfPresent(id, (key, task) -> task.toBuilder().setReason(reason).setReasonDetail(detail).build());
        return advance(id, state);
    }

    @Override
    public void get(GetRequest request, StreamObserver<Task> response) {
        calls.add("Get");
        Task task = owned(request.getTenant(), request.getId(), response);
        if (task != null) {
            respond(response, task);
        }
    }

    @Override
    public void cancel(CancelRequest request, StreamObserver<Task> response) {
        calls.add("Cancel");
        Task task = owned(request.getTenant(), request.getId(), response);
        if (task == null) {
            return;
        }
        if (FINISHED.contains(task.getState())) {
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("task " + task.getId() + " already " + task.getState()).asRuntimeException());
            return;
        }
        tasks.put(task.getId(), task.toBuilder().setReason("cancelled").build());
        respond(response, advance(task.getId(), TaskState.TASK_STATE_CANCELLED));
    }

    @Override
    public void list(ListRequest request, StreamObserver<ListResponse> response) {
        calls.add("List");
        if (failedForOutage(response)) {
            return;
        }
        int offset = 0;
        if (!request.getCursor().isEmpty()) {
            try {
                offset = Integer.parseInt(request.getCursor().substring(1));
            } catch (RuntimeException e) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("cursor is not one this service issued")
                        .asRuntimeException());
                return;
            }
        }
        int limit = request.getLimit() == 0 ? 20 : request.getLimit();
        List<Task> matching = tasks.values().stream()
                .filter(t -> t.getTenant().equals(request.getTenant()))
                .filter(t -> request.getState() == TaskState.TASK_STATE_UNSPECIFIED || t.getState() == request.getState())
                .filter(t -> request.getLane() == Lane.LANE_UNSPECIFIED || t.getLane() == request.getLane())
                .sorted(Comparator.comparingLong(Task::getCreatedAtMs).reversed().thenComparing(Task::getId))
                .toList();
        List<Task> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        ListResponse.Builder answer = ListResponse.newBuilder().addAllTasks(page);
        if (offset + limit < matching.size()) {
            answer.setNextCursor("c" + (offset + limit));
        }
        respond(response, answer.build());
    }

    @Override
    public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
        calls.add("ListEvents");
        Task task = owned(request.getTenant(), request.getId(), response);
        if (task == null) {
            return;
        }
        List<TaskEvent> after = new ArrayList<>();
        for (TaskEvent e : events.get(task.getId())) {
            if (e.getId() > request.getAfterEventId()) {
                after.add(e);
            }
        }
        respond(response, ListEventsResponse.newBuilder().setTask(tasks.get(task.getId())).addAllEvents(after).build());
    }

    @Override
    public void putFeedback(FeedbackRequest request, StreamObserver<Feedback> response) {
        calls.add("PutFeedback");
        Task task = owned(request.getTenant(), request.getId(), response);
        if (task == null) {
            return;
        }
        Feedback.Builder stored = Feedback.newBuilder().setTaskId(task.getId()).setUser(request.getUser())
                .setUpdatedAtMs(clock.addAndGet(1000));
        if (request.hasAccepted()) {
            stored.setAccepted(request.getAccepted());
        }
        if (request.hasRating()) {
            stored.setRating(request.getRating());
        }
        if (request.hasComment()) {
            stored.setComment(request.getComment());
        }
        feedback.put(task.getId() + "/" + request.getUser(), stored.build());
        respond(response, stored.build());
    }

    public Feedback feedback(String taskId, String user) {
        return feedback.get(taskId + "/" + user);
    }

    @Override
    public void recordDownload(RecordDownloadRequest request, StreamObserver<RecordDownloadResponse> response) {
        calls.add("RecordDownload");
        if (recordDownloadFailure != null) {
            response.onError(recordDownloadFailure.asRuntimeException());
            return;
        }
        Task task = owned(request.getTenant(), request.getId(), response);
        if (task == null) {
            return;
        }
        downloads.add(request);
        respond(response, RecordDownloadResponse.newBuilder()
                .setDownloads(downloads.stream().filter(d -> d.getId().equals(task.getId())).count()).build());
    }

    @Override
    public void getTenant(GetTenantRequest request, StreamObserver<Tenant> response) {
        calls.add("GetTenant");
        if (failedForOutage(response)) {
            return;
        }
        int unfinished = (int) tasks.values().stream()
                .filter(t -> t.getTenant().equals(request.getTenant()) && !FINISHED.contains(t.getState())).count();
        Tenant tenant = tenants.getOrDefault(request.getTenant(), Tenant.newBuilder().setTenant(request.getTenant())
                .setTier("standard").setPriority(5).setRatePerSecond(2).setBurst(20).setMaxUnfinished(50)
                .setWebhookSecret("whsec_c2NyaXB0ZWQtc2VjcmV0LW9mLQ==").build());
        respond(response, tenant.toBuilder().setUnfinished(unfinished).build());
    }

    private Task newTask(SubmitRequest request) {
        long now = clock.addAndGet(1000);
        return Task.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setTenant(request.getTenant())
                .setUser(request.getUser())
                .setEndUser(request.getEndUser())
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
                .setCreatedAtMs(now)
                .setUpdatedAtMs(now + 100)
                .setQueuedAtMs(now + 100)
                .build();
    }

    private TaskEvent event(TaskState from, TaskState to, int attempt) {
        return TaskEvent.newBuilder().setId(eventIds.incrementAndGet()).setFromState(from).setState(to)
                .setAttempt(attempt).setOccurredAtMs(clock.addAndGet(10)).build();
    }

    private <T> Task owned(String tenant, String id, StreamObserver<T> response) {
        if (failedForOutage(response)) {
            return null;
        }
        Task task = tasks.get(id);
        if (task == null || !task.getTenant().equals(tenant)) {
            response.onError(Status.NOT_FOUND.withDescription("no task " + id).asRuntimeException());
            return null;
        }
        return task;
    }

    private static Metadata trailers(Refusal refused) {
        Metadata trailers = new Metadata();
        put(trailers, LimitTrailers.LIMIT, refused.limit());
        put(trailers, LimitTrailers.RETRY_AFTER_MS, String.valueOf(refused.retryAfterMs()));
        put(trailers, LimitTrailers.LIMIT_VALUE, String.valueOf(refused.limitValue()));
        put(trailers, LimitTrailers.REMAINING, String.valueOf(refused.remaining()));
        if (refused.resetMs() != null) {
            put(trailers, LimitTrailers.RESET_MS, String.valueOf(refused.resetMs()));
        }
        if (refused.ratePerSecond() != null) {
            put(trailers, LimitTrailers.RATE_PER_SECOND, String.valueOf(refused.ratePerSecond()));
        }
        return trailers;
    }

    private static void put(Metadata trailers, String key, String value) {
        trailers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    }

    private static <T> void respond(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    private <T> boolean failedForOutage(StreamObserver<T> response) {
        Status down = outage;
        if (down != null) {
            response.onError(down.asRuntimeException());
            return true;
        }
        return false;
    }
}
