package dev.heavyweight.task.webhooks;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.service.CallerContext;
import dev.heavyweight.task.service.InvalidFieldException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Checks where a webhook URL points: its host is resolved (off the event loop) and every address must pass
 * the {@link AddressPolicy}. Done at submission and again before every delivery, since DNS may change. Built at
 * start, so a malformed allow-list entry fails the start.
 */
@Startup
@ApplicationScoped
public class WebhookTargets {

    private final AddressPolicy policy;

    WebhookTargets(TaskConfig config) {
        this.policy = new AddressPolicy(config.webhooks().allowedHosts().orElse(List.of()));
    }

    /**
     * Completes, on the caller's context, when {@code url} may be reached; fails with an
     * {@link InvalidFieldException} naming {@code webhook_url} otherwise.
     */
    public Uni<Void> check(URI url) {
        String host = WebhookUrls.host(url);
        if (policy.allowsHost(host)) {
            return Uni.createFrom().voidItem();
        }
        Executor caller = CallerContext.current();
        return Uni.createFrom().item(() -> resolve(host))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(caller)
                .invoke(addresses -> {
                    for (InetAddress address : addresses) {
                        policy.refusal(address).ifPresent(refusal -> {
                            throw new InvalidFieldException(WebhookUrls.FIELD, "host " + host + " " + refusal);
                        });
                    }
                })
                .replaceWithVoid();
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidFieldException(WebhookUrls.FIELD, "host " + host + " does not resolve");
        }
    }
}
