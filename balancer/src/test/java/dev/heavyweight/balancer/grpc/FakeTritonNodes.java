package dev.heavyweight.balancer.grpc;

import dev.heavyweight.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts three fake Triton nodes (a, b, c) on free loopback ports and points the balancer at them, with quick
 * polls, a short cool-off before readmission, a small admission queue and a short default inference timeout
 * so that tests can reach each limit.
 */
public class FakeTritonNodes implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running fake nodes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    static final int MAX_QUEUE = 3;

    private List<FakeTritonNode> nodes;

    @Override
    public Map<String, String> start() {
        nodes = List.of(node("node-a"), node("node-b"), node("node-c"));
        Map<String, String> config = new HashMap<>(testTuning());
        config.put("heavyweight.balancer.nodes",
                nodes.stream().map(FakeTritonNode::address).collect(Collectors.joining(",")));
        return config;
    }

    /** Settings every balancer test application shares. */
    static Map<String, String> testTuning() {
        return Map.of(
                "heavyweight.balancer.health-interval", "100ms",
                "heavyweight.balancer.health-timeout", "1s",
                "heavyweight.balancer.eject-after", "3",
                "heavyweight.balancer.readmit-after", "300ms",
                "heavyweight.balancer.readmit-successes", "2",
                "heavyweight.balancer.max-queue", String.valueOf(MAX_QUEUE),
                "heavyweight.balancer.infer-timeout", "3s");
    }

    private static FakeTritonNode node(String name) {
        return new FakeTritonNode(name, "127.0.0.1", FreePorts.next());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, FakeTritonNodes.class));
    }

    @Override
    public void stop() {
        for (FakeTritonNode node : nodes) {
            try {
                node.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    FakeTritonNode a() {
        return nodes.get(0);
    }

    FakeTritonNode b() {
        return nodes.get(1);
    }

    FakeTritonNode c() {
        return nodes.get(2);
    }

    List<FakeTritonNode> all() {
        return nodes;
    }
}
