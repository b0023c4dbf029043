package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.metrics.BalancerMetrics;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import io.grpc.Deadline;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Forwards calls to a chosen node. A node that answers UNAVAILABLE (overloaded, shutting down, or not
 * reachable at all) gets the call retried once on another ready node, never on the same one; every other
 * answer, success or error, goes back to the caller unchanged.
 */
@ApplicationScoped
public class InferenceDispatcher {

    private static final int MAX_ATTEMPTS = 2;

    private final NodeRegistry registry;
    private final BalancerMetrics metrics;

    public InferenceDispatcher(NodeRegistry registry, BalancerMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    public Uni<ModelInferResponse> infer(ModelInferRequest request, Deadline deadline) {
        return forward(client -> client.infer(request, deadline), true, Set.of(), null);
    }

    public Uni<ModelMetadataResponse> metadata(ModelMetadataRequest request, Deadline deadline) {
        return forward(client -> client.modelMetadata(request, deadline), false, Set.of(), null);
    }

    /** True when any ready node has the model ready; a node that fails to answer counts as not ready. */
    public Uni<Boolean> modelReady(ModelReadyRequest request, Deadline deadline) {
        List<Uni<Boolean>> answers = registry.readyNodes().stream()
                .map(node -> node.client().modelReady(request, deadline).onFailure().recoverWithItem(false))
                .toList();
        if (answers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Uni.join().all(answers).andFailFast().map(ready -> ready.contains(true));
    }

    private <R> Uni<R> forward(Function<TritonNodeClient, Uni<R>> call, boolean inference, Set<String> tried,
                               Throwable previous) {
        return Uni.createFrom().deferred(() -> {
            Optional<TritonNode> chosen = registry.acquire(tried);
            if (chosen.isEmpty()) {
                return Uni.createFrom().failure(previous != null ? previous
                        : Status.UNAVAILABLE.withDescription("no ready inference node").asRuntimeException());
            }
            TritonNode node = chosen.get();
            return call.apply(node.client())
                    .onTermination().invoke(() -> registry.release(node))
                    .onItem().invoke(() -> count(inference, node, "success"))
                    .onFailure().invoke(failure -> count(inference, node, outcome(failure)))
                    .onCancellation().invoke(() -> count(inference, node, "cancelled"))
                    .onFailure(failure -> retryable(failure) && tried.size() + 1 < MAX_ATTEMPTS)
                    .recoverWithUni(failure -> forward(call, inference, with(tried, node.address()), failure));
        });
    }

    private void count(boolean inference, TritonNode node, String outcome) {
        if (inference) {
            metrics.dispatch(node, outcome);
        }
    }

    private static boolean retryable(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE;
    }

    private static String outcome(Throwable failure) {
        return Status.fromThrowable(failure).getCode().name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> with(Set<String> tried, String address) {
        Set<String> next = new HashSet<>(tried);
        next.add(address);
        return Set.copyOf(next);
    }
}
