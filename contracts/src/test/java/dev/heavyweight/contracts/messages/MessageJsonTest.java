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
                "stable_diffusion_1_5", "a cat", "", 512, 512, 30, 42L, 1000L, 2000L);
        String json = mapper.writeValueAsString(job);
        JsonNode tree = mapper.readTree(json);
        assertEquals(1, tree.get("schema").asInt());
        assertEquals("a cat", tree.get("prompt").asText());
        assertEquals(job, mapper.readValue(json, JobMessage.class));
    }

    @Test
    void eventToleratesFieldsAddedByANewerSchema() throws Exception {
        String json = "{\"schema\":1,\"type\":\"task.succeeded\",\"taskId\":\"t-1\",\"tenant\":\"a\","
                + "\"attempt\":2,\"worker\":\"w\",\"occurredAtMs\":5,\"imageKey\":\"k\",\"reason\":null,"
                + "\"detail\":null,\"timings\":{\"inferenceMs\":3,\"imageModerationMs\":0,\"uploadMs\":1},"
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
