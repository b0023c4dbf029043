package dev.heavyweight.balancer.grpc;

import dev.heavyweight.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three fake Triton nodes as a headless Service has them: one port, three addresses (127.0.0.1–3, all on the
 * loopback interface), for a balancer that finds them through the scripted resolver. The third has two slots.
 */
public class DnsTritonNodes implements QuarkusTestResourceLifecycleManager {

    static final String NAME = "triton.heavyweight.test";

    private List<FakeTritonNode> nodes;

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        nodes = List.of(new FakeTritonNode("node-1", "127.0.0.1", port),
                new FakeTritonNode("node-2", "127.0.0.2", port),
                new FakeTritonNode("node-3", "127.0.0.3", port));
        Map<String, String> config = new HashMap<>(FakeTritonNodes.testTuning());
        config.put("heavyweight.balancer.discovery", "dns");
        config.put("heavyweight.balancer.dns-name", NAME);
        config.put("heavyweight.balancer.dns-port", String.valueOf(port));
        config.put("heavyweight.balancer.dns-refresh", "100ms");
        config.put("heavyweight.balancer.node-slots.\"127.0.0.3:" + port + "\"", "2");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(FakeTritonNodes.Inject.class,
                DnsTritonNodes.class));
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

    List<FakeTritonNode> all() {
        return nodes;
    }
}
