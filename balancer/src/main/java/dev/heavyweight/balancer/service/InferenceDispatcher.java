package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.economics.NodeClasses;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.metrics.BalancerMetrics;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.Lane;
import io.grpc.Deadline;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * Forwards ModelInfer through the {@link SlotScheduler}: each request becomes a {@link ProxiedInference}, and a
 * timer at its deadline makes the scheduler drop it if it is still waiting for a slot then.
 */
@ApplicationScoped
public class InferenceDispatcher {

    private final ProxiedInference.Route route;
    private final SlotScheduler scheduler;
    private final Vertx vertx;

    public InferenceDispatcher(SlotScheduler scheduler, NodeRegistry registry, BalancerMetrics metrics,
                               NodeClasses classes, BalancerConfig config, Vertx vertx) {
        this.route = new ProxiedInference.Route(scheduler, registry, metrics, classes, config.maxAttempts());
        this.scheduler = scheduler;
        this.vertx = vertx;
    }

    /** The node's answer, unchanged; cancelling the returned Uni takes the request out of line or off its node. */
    public Uni<ModelInferResponse> infer(ModelInferRequest request, Lane lane, Deadline deadline) {
        return Uni.createFrom().emitter(emitter -> {
            long remainingNanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
            ProxiedInference inference = new ProxiedInference(route, request, lane, deadline, remainingNanos, emitter);
            // Only the free-slot policy queues; the baselines forward at once and need no timer.
            long timer = scheduler.waitsForFreeSlot()
                    ? vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1),
                            id -> scheduler.expireOverdue())
                    : -1;
            emitter.onTermination(() -> {
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                inference.cancel();
            });
            inference.start();
        });
    }
}
