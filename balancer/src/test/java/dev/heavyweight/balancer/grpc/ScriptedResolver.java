package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.service.NodeResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Stands in for DNS: answers what the test scripted, or fails like an unknown name until it has. */
@Alternative
@ApplicationScoped
public class ScriptedResolver implements NodeResolver {

    private final AtomicReference<List<InetAddress>> answer = new AtomicReference<>();
    private final AtomicInteger lookups = new AtomicInteger();

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        lookups.incrementAndGet();
        List<InetAddress> current = answer.get();
        if (current == null) {
            throw new UnknownHostException(name);
        }
        return current;
    }

    /** From now on the name resolves to these IP literals. */
    void answer(String... ips) throws UnknownHostException {
        InetAddress[] addresses = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            addresses[i] = InetAddress.getByName(ips[i]);
        }
        answer.set(List.of(addresses));
    }

    /** From now on lookups fail. */
    void fail() {
        answer.set(null);
    }

    int lookups() {
        return lookups.get();
    }
}
