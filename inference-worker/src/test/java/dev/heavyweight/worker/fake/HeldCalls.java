package dev.heavyweight.worker.fake;

import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The fake balancer's ModelInfer calls in progress. Answered at once unless holding is on; then each
 * waits until {@link #release} or {@link #releaseAll}. Counts the calls running at once per lane (and
 * the most ever seen) and remembers which calls the client cancelled (a deadline counts too).
 */
public final class HeldCalls {

    private record Call(ModelInferRequest request, String lane, ServerCallStreamObserver<ModelInferResponse> response,
            AtomicBoolean ended) {
    }

    private final BiConsumer<ModelInferRequest, StreamObserver<ModelInferResponse>> answer;
    private final Map<String, Call> held = new LinkedHashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Integer> mostRunning = new HashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private int mostRunningTotal;
    private boolean holding;

    HeldCalls(BiConsumer<ModelInferRequest, StreamObserver<ModelInferResponse>> answer) {
        this.answer = answer;
    }

    /** From now on calls wait to be released (true) or are answered at once (false). */
    public synchronized void hold(boolean hold) {
        holding = hold;
    }

    /** Answers the held call of a task; false when none is held. */
    public boolean release(String taskId) {
        Call call;
        synchronized (this) {
            call = held.remove(taskId);
        }
        if (call == null) {
            return false;
        }
        finish(call);
        return true;
    }

    /** Answers every held call and stops holding. */
    public void releaseAll() {
        List<Call> all;
        synchronized (this) {
            holding = false;
            all = new ArrayList<>(held.values());
            held.clear();
        }
        all.forEach(this::finish);
    }

    /** Task ids of the calls held now, in arrival order. */
    public synchronized List<String> heldTasks() {
        return List.copyOf(held.keySet());
    }

    public synchronized int running(String lane) {
        return running.getOrDefault(lane, 0);
    }

    public synchronized int mostRunning(String lane) {
        return mostRunning.getOrDefault(lane, 0);
    }

    public synchronized int mostRunningTotal() {
        return mostRunningTotal;
    }

    /** True when the client cancelled the task's call before it was answered. */
    public boolean wasCancelled(String taskId) {
        return cancelled.contains(taskId);
    }

    void reset() {
        releaseAll();
        synchronized (this) {
            resetCounts();
        }
    }

    private void resetCounts() {
        running.clear();
        mostRunning.clear();
        mostRunningTotal = 0;
        cancelled.clear();
    }

    void arrived(ModelInferRequest request, String lane, ServerCallStreamObserver<ModelInferResponse> response) {
        Call call = new Call(request, lane, response, new AtomicBoolean());
        response.setOnCancelHandler(() -> {
            cancelled.add(request.getId());
            synchronized (this) {
                held.remove(request.getId(), call);
            }
            ended(call);
        });
        boolean hold;
        synchronized (this) {
            int now = running.merge(lane, 1, Integer::sum);
            mostRunning.merge(lane, now, Math::max);
            mostRunningTotal = Math.max(mostRunningTotal, running.values().stream().mapToInt(Integer::intValue).sum());
            hold = holding;
            if (hold) {
                held.put(request.getId(), call);
            }
        }
        if (!hold) {
            finish(call);
        }
    }

    private void finish(Call call) {
        if (call.response().isCancelled()) {
            return;
        }
        ended(call);
        answer.accept(call.request(), call.response());
    }

    /** A call stops counting as running once: when answered or when cancelled, whichever comes first. */
    private void ended(Call call) {
        if (call.ended().compareAndSet(false, true)) {
            synchronized (this) {
                running.merge(call.lane(), -1, Integer::sum);
            }
        }
    }
}
