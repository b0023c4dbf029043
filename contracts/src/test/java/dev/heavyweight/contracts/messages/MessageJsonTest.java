package dev.heavyweight.contracts.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void jobMessageRoundTripsWithSchemaField() throws Exception {
        JobMessage job = new JobMessage(JobMessage.SCHEMA, "t-1", "anonymous", 1, "interactive", 5,
                "stable_diffusion_1_5", "a cat", "", 512, 512, 30, 42L, 1000L, 2000L, 3);
        String json = mapper.writeValueAsString(job);
        JsonNode tree = mapper.readTree(json);
        assertEquals(1, tree.get("schema").asInt());
        assertEquals("a cat", tree.get("prompt").asText());
        assertEquals(job, mapper.readValue(json, JobMessage.class));
        assertEquals(3, tree.get("maxAttempts").asInt());
        assertTrue(tree.get("lastAttempt") == null, "derived values stay out of the JSON");
    }

    @Test
    void lastAttemptIsTheOneThatReachesTheLimit() {
        JobMessage second = new JobMessage(JobMessage.SCHEMA, "t", "a", 2, "batch", 0, "m", "p", "", 512, 512, 1, 1L, 0L, 0L, 3);
        JobMessage third = new JobMessage(JobMessage.SCHEMA, "t", "a", 3, "batch", 0, "m", "p", "", 512, 512, 1, 1L, 0L, 0L, 3);
        assertTrue(!second.isLastAttempt());
        assertTrue(third.isLastAttempt());
    }

    @Test
    void eventToleratesFieldsAddedByANewerSchema() throws Exception {
        String json = "{\"schema\":1,\"type\":\"task.succeeded\",\"taskId\":\"t-1\",\"tenant\":\"a\","
                + "\"attempt\":2,\"worker\":\"w\",\"occurredAtMs\":5,\"imageKey\":\"k\",\"reason\":null,"
                + "\"detail\":null,\"timings\":{\"inferenceMs\":3,\"imageModerationMs\":0,\"uploadMs\":1},\"retryable\":false,"
                + "\"futureField\":true}";
        TaskEventMessage event = mapper.readValue(json, TaskEventMessage.class);
        assertEquals(TaskEventType.SUCCEEDED, TaskEventType.fromWireName(event.type()).orElseThrow());
        assertEquals(3, event.timings().inferenceMs());
        assertEquals(2, event.attempt());
    }

    @Test
    void lanesMapToTheirQueuesAndParseCaseInsensitively() {
        assertEquals("jobs.interactive", Lane.INTERACTIVE.queue());
        assertEquals("jobs.batch", Lane.fromName("BATCH").orElseThrow().queue());
        assertTrue(Lane.fromName("bulk").isEmpty());
        assertEquals(Topology.MAX_PRIORITY, Topology.laneQueueArguments().get("x-max-priority"));
    }
}
