package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.PATIENCE;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.worker.fake.FakeBalancer;
import dev.heavyweight.worker.fake.FakeModeration;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the @QuarkusTests of the running worker share: a raw channel to its virtual host, the scripted
 * balancer and moderation-service (injected by {@code FakeBalancerResource} and {@code FakeModerationResource},
 * which subclasses declare with S3ProxyTestResource), and a worker that is consuming and idle, with a plain
 * balancer and a moderation that allows everything, when each test starts.
 */
abstract class RunningWorkerFixture {

    static TestBroker broker;

    FakeBalancer balancer;

    FakeModeration moderation;

    @Inject
    JobConsumers consumers;

    @BeforeAll
    static void connect() throws Exception {
        broker = new TestBroker("heavyweight-test-worker");
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    @BeforeEach
    void idleWorkerAndPlainPeers() {
        await().atMost(PATIENCE).until(() -> consumers.isConsuming() && consumers.inFlight() == 0);
        balancer.reset();
        moderation.reset();
    }

    @AfterEach
    void releaseHeldCalls() {
        balancer.calls().releaseAll();
    }
}
