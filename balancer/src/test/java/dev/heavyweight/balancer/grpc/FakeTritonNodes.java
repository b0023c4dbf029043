package dev.heavyweight.balancer.grpc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts three fake Triton nodes on free ports and points the balancer at them, polling them quickly. */
public class FakeTritonNodes implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running fake nodes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private List<FakeTritonNode> nodes;

    @Override
    public Map<String, String> start() {
        nodes = List.of(new FakeTritonNode("node-a"), new FakeTritonNode("node-b"), new FakeTritonNode("node-c"));
        return Map.of(
                "heavyweight.balancer.nodes",
                nodes.stream().map(FakeTritonNode::address).collect(Collectors.joining(",")),
                "heavyweight.balancer.health-interval", "100ms",
                "heavyweight.balancer.health-timeout", "1s");
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
