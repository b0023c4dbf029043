package dev.heavyweight.task;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every @QuarkusTest of the running service shares: a gRPC client, a raw broker channel, a tenant of
 * its own per test, empty lanes at the start of each test and moderation answering again after it.
 */
abstract class TaskServiceFixture {

    static TaskApi api;
    static Broker broker;

    final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void connect() throws Exception {
        api = new TaskApi();
        broker = new Broker();
        broker.purgeEvents();
    }

    @AfterAll
    static void disconnect() throws Exception {
        api.close();
        broker.close();
    }

    @BeforeEach
    void emptyLanes() throws Exception {
        Database.awaitOutboxDrained();
        broker.purgeJobs();
    }

    @AfterEach
    void moderationBack() {
        ScriptedModerationService.outage(false);
    }
}
