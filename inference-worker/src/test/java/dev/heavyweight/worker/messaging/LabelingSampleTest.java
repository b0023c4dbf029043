package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import dev.heavyweight.worker.labeling.LabelingSampler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With {@code heavyweight.labeling.rate=0.25} (the test profile), 300 succeeded tasks put on
 * {@code labeling.samples} exactly the tasks the id rule picks, which is 0.25 of them within a stated tolerance;
 * each sample carries the prompt, model, parameters and a presigned URL that serves the PNG.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class LabelingSampleTest extends RunningWorkerFixture {

    private static final int TASKS = 300;
    private static final double RATE = 0.25;

    @Test
    void aQuarterOfSucceededTasksGoToTheLabelingQueueWithAWorkingPresignedUrl() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost("heavyweight-test-worker");
        try (Connection connection = factory.newConnection("labeling-test"); Channel channel = connection.createChannel()) {
            channel.queuePurge(Topology.LABELING_QUEUE);
            Set<String> expected = new HashSet<>();
            Map<String, JobMessage> jobs = new HashMap<>();
            for (int i = 0; i < TASKS; i++) {
                JobMessage job = job(i % 2 == 0 ? Lane.INTERACTIVE : Lane.BATCH);
                jobs.put(job.taskId(), job);
                broker.publish(job);
            }
            int succeeded = 0;
            for (String id : jobs.keySet()) {
                var events = Jobs.awaitFinalEvent(broker, id);
                // Only succeeded tasks are sampled (a rare transient upload failure leaves one out).
                if (events.get(events.size() - 1).type().equals("task.succeeded")) {
                    succeeded++;
                    if (LabelingSampler.sampled(id, RATE)) {
                        expected.add(id);
                    }
                }
            }
            assertThat(succeeded).isGreaterThan(TASKS * 9 / 10);
            Map<String, JsonNode> samples = new HashMap<>();
            await().atMost(Jobs.PATIENCE).until(() -> {
                GetResponse got;
                while ((got = channel.basicGet(Topology.LABELING_QUEUE, true)) != null) {
                    JsonNode sample = mapper.readTree(got.getBody());
                    samples.put(sample.get("taskId").asText(), sample);
                }
                return samples.keySet().equals(expected);
            });
            // Binomial(300, 0.25): mean 75, sd 7.5; ±4 sd holds for all but 6 in 100,000 random id sets.
            assertThat(samples).hasSizeBetween(45, 105);
            assertThat(channel.messageCount(Topology.LABELING_QUEUE)).isZero();

            JsonNode sample = samples.values().iterator().next();
            JobMessage job = jobs.get(sample.get("taskId").asText());
            assertThat(sample.get("prompt").asText()).isEqualTo(job.prompt());
            assertThat(sample.get("model").asText()).isEqualTo(job.model());
            assertThat(sample.get("tenant").asText()).isEqualTo(job.tenant());
            assertThat(sample.get("parameters").get("seed").asLong()).isEqualTo(job.seed());
            assertThat(sample.get("parameters").get("width").asInt()).isEqualTo(job.width());
            assertThat(sample.get("imageKey").asText()).isEqualTo("tenants/" + job.tenant() + "/tasks/" + job.taskId() + ".png");
            HttpResponse<byte[]> image = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(sample.get("imageUrl").asText())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(sample.get("urlExpiresAtMs").asLong()).isGreaterThan(System.currentTimeMillis());
        }
    }
}
