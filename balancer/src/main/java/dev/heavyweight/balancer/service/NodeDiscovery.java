package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.config.BalancerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the nodes: the static list once, or the records of a DNS name on every refresh. A new address becomes
 * a node; a vanished one drains and leaves. A failed lookup keeps the nodes as they are.
 */
@ApplicationScoped
public class NodeDiscovery {

    private static final Logger LOG = Logger.getLogger(NodeDiscovery.class);

    private final NodeRegistry registry;
    private final NodeResolver resolver;
    private final BalancerConfig config;
    private Cancellable refreshes;

    public NodeDiscovery(NodeRegistry registry, NodeResolver resolver, BalancerConfig config) {
        this.registry = registry;
        this.resolver = resolver;
        this.config = config;
    }

    /** Before the first health poll, so static nodes are polled at once. */
    void start(@Observes @Priority(1000) StartupEvent event) {
        if (config.discovery() == BalancerConfig.Discovery.STATIC) {
            config.nodes().forEach(registry::add);
            return;
        }
        String name = config.dnsName().orElseThrow(() -> new IllegalStateException(
                "heavyweight.balancer.dns-name is required with heavyweight.balancer.discovery=dns"));
        refreshes = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.dnsRefresh())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> refresh(name))
                .subscribe().with(ignored -> { });
    }

    void stop(@Observes ShutdownEvent event) {
        if (refreshes != null) {
            refreshes.cancel();
        }
    }

    private Uni<Void> refresh(String name) {
        return Uni.createFrom().item(() -> lookUp(name))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::apply)
                .onFailure().invoke(failure -> LOG.warnf("DNS lookup of %s failed, nodes unchanged: %s",
                        name, failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Set<String> lookUp(String name) {
        try {
            return resolver.resolve(name).stream().map(this::address).collect(Collectors.toUnmodifiableSet());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unknown host " + name, e);
        }
    }

    private void apply(Set<String> found) {
        found.forEach(registry::add);
        List<String> vanished = registry.nodes().stream().map(TritonNode::address)
                .filter(address -> !found.contains(address)).toList();
        vanished.forEach(registry::remove);
    }

    private String address(InetAddress address) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + config.dnsPort();
    }
}
