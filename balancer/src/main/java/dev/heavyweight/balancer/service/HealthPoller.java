package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.config.BalancerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Polls every node's ServerReady on a fixed interval. A node is ready only while its last poll answered
 * true in time; a failed, late or negative answer takes it out of rotation until a later poll says ready.
 */
@ApplicationScoped
public class HealthPoller {

    private static final Logger LOG = Logger.getLogger(HealthPoller.class);

    private final NodeRegistry registry;
    private final BalancerConfig config;
    private Cancellable ticks;

    public HealthPoller(NodeRegistry registry, BalancerConfig config) {
        this.registry = registry;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ticks = Multi.createFrom().ticks().every(config.healthInterval())
                .onOverflow().drop()
                .subscribe().with(tick -> pollAll());
        pollAll();
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.cancel();
        }
    }

    /** Starts one poll per node; a node whose previous poll is still out is skipped this round. */
    public void pollAll() {
        for (TritonNode node : registry.nodes()) {
            if (node.startPoll()) {
                node.client().serverReady(config.healthTimeout())
                        .onFailure().invoke(f -> LOG.debugf("ServerReady poll of %s failed: %s",
                                node.address(), f.getMessage()))
                        .onFailure().recoverWithItem(false)
                        .subscribe().with(ready -> record(node, ready));
            }
        }
    }

    private void record(TritonNode node, boolean ready) {
        if (node.ready() != ready) {
            LOG.infof("Triton node %s is now %s", node.address(), ready ? "ready" : "not ready");
        }
        node.ready(ready);
        node.endPoll();
    }
}
