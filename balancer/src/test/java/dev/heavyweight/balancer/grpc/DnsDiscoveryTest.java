package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nodes found through DNS join and leave while the balancer runs. */
@QuarkusTest
@TestProfile(DnsDiscoveryTest.DnsDiscovery.class)
class DnsDiscoveryTest {

    /** Discovery by DNS through the scripted resolver, against the nodes of {@link DnsTritonNodes}. */
    public static class DnsDiscovery implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedResolver.class);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DnsTritonNodes.class));
        }
    }

    private static BalancerChannel balancer;

    @FakeTritonNodes.Inject
    DnsTritonNodes dns;

    private final SlotScheduler scheduler;
    private final ScriptedResolver resolver;

    DnsDiscoveryTest(SlotScheduler scheduler, ScriptedResolver resolver) {
        this.scheduler = scheduler;
        this.resolver = resolver;
    }

    @BeforeAll
    static void connect() {
        balancer = new BalancerChannel();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        balancer.close();
    }

    @Test
    void addressesThatAppearJoinAndAddressesThatVanishDrainThenLeave() throws Exception {
        FakeTritonNode one = dns.all().get(0);
        FakeTritonNode two = dns.all().get(1);
        FakeTritonNode three = dns.all().get(2);
        assertThat(scheduler.nodes()).isEmpty();

        resolver.answer("127.0.0.1", "127.0.0.2");
        await().until(() -> readyAddresses().equals(Set.of(one.address(), two.address())));
        one.answer(Answer.HOLD);
        two.answer(Answer.HOLD);
        List<ListenableFuture<ModelInferResponse>> held = List.of(
                balancer.future().modelInfer(request("held-1")), balancer.future().modelInfer(request("held-2")));
        await().until(() -> one.heldCount() == 1 && two.heldCount() == 1);

        resolver.answer("127.0.0.2", "127.0.0.3");
        await().until(() -> readyAddresses().equals(Set.of(two.address(), three.address())));
        assertThat(scheduler.node(one.address()).map(NodeSnapshot::state)).contains("draining");
        assertThat(scheduler.node(three.address()).map(NodeSnapshot::slots)).contains(2);
        assertThat(scheduler.node(two.address()).map(NodeSnapshot::slots)).contains(1);
        three.answer(Answer.IMAGE);
        assertThat(Fleet.get(balancer.future().modelInfer(request("on-three"))).getRawOutputContents(0)
                .toStringUtf8()).isEqualTo("node-3");

        one.releaseHeld();
        two.releaseHeld();
        for (ListenableFuture<ModelInferResponse> call : held) {
            Fleet.get(call);
        }
        await().until(() -> scheduler.node(one.address()).isEmpty());
        assertThat(one.received()).hasSize(1);
        assertThat(one.cancelled()).isEmpty();

        resolver.fail();
        int lookups = resolver.lookups();
        await().until(() -> resolver.lookups() > lookups + 2);
        assertThat(readyAddresses()).containsExactlyInAnyOrder(two.address(), three.address());
    }

    private Set<String> readyAddresses() {
        return Set.copyOf(scheduler.nodes().stream().filter(NodeSnapshot::accepting).map(NodeSnapshot::address)
                .toList());
    }
}
