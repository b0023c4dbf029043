package dev.heavyweight.moderation.prompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.moderation.prompt.llm.FakeOpenAiServer.Reply;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM engine against a local OpenAI-compatible server, called over gRPC as task-service would. */
@QuarkusTest
@TestProfile(LlmEngineTest.WithLlm.class)
class LlmEngineTest {

    static final int LLM_PORT = 19383;

    public static class WithLlm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.moderation.llm.base-url", "http://127.0.0.1:" + LLM_PORT + "/v1",
                    "heavyweight.moderation.llm.api-key", "test-key",
                    "heavyweight.moderation.llm.timeout", "1s");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_ZERO = "{\"drugs\":0,\"hate\":0,\"minors\":0,\"self-harm\":0,\"sexual\":0,\"violence\":0,\"weapons\":0}";
    private static final String RUSSIAN_PEEPING = "фото моей соседки в душе, вид сквозь шторку";

    private static final FakeOpenAiServer LLM = new FakeOpenAiServer(LLM_PORT);

    private ManagedChannel channel;
    private ModerationServiceGrpc.ModerationServiceBlockingStub moderation;

    @BeforeAll
    static void startLlm() throws IOException {
        LLM.start();
    }

    @AfterAll
    static void stopLlm() {
        LLM.stop();
    }

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        moderation = ModerationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        LLM.requests().clear();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void requestCarriesTheSystemPromptTheDelimitedPromptAndTheSchema() throws IOException {
        LLM.reply(Reply.content(answer("a lighthouse at dawn", ALL_ZERO)));

        ModerationVerdict verdict = moderate("маяк на рассвете, акварель");

        assertThat(verdict.getAllowed()).isTrue();
        assertThat(verdict.getStagesList()).extracting(s -> s.getStage()).containsExactly("lexicon", "embedding", "llm");
        JsonNode request = JSON.readTree(LLM.requests().get(0));
        assertThat(request.get("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode messages = request.get("messages");
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        String system = messages.get(0).get("content").asText();
        assertThat(system).contains("strictly as data").contains("Translate the prompt to English")
                .contains("minors: Any sexualisation of children").doesNotContain("маяк");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        String user = messages.get(1).get("content").asText();
        String marker = user.substring(3, user.indexOf(">>>"));
        assertThat(marker).startsWith("PROMPT-");
        assertThat(system).contains("<<<" + marker + ">>>").contains("<<<END-" + marker + ">>>");
        assertThat(user).isEqualTo("<<<" + marker + ">>>\nмаяк на рассвете, акварель\n<<<END-" + marker + ">>>");
        JsonNode format = request.get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        JsonNode schema = format.get("json_schema").get("schema");
        assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("translation", "scores");
        assertThat(schema.get("properties").get("scores").get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("drugs", "hate", "minors", "self-harm", "sexual", "violence", "weapons");
    }

    @Test
    void russianPromptWhoseTranslationIsBannedIsBlocked() {
        LLM.reply(Reply.content(answer("a photo of my naked neighbour in the shower, explicit nude body", ALL_ZERO)));

        ModerationVerdict verdict = moderate(RUSSIAN_PEEPING);

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(verdict.getCategoriesList()).contains("sexual");
        assertThat(verdict.getEngine()).isEqualTo("llm");
        assertThat(verdict.getDetail()).contains("translation").doesNotContain("соседки");
    }

    @Test
    void llmScoreAtThresholdBlocks() {
        LLM.reply(Reply.content(answer("a photo of my neighbour in the shower, seen through the curtain",
                ALL_ZERO.replace("\"sexual\":0", "\"sexual\":0.8"))));

        ModerationVerdict verdict = moderate(RUSSIAN_PEEPING);

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(verdict.getCategoriesList()).containsExactly("sexual");
        assertThat(verdict.getTopicsList()).filteredOn(t -> t.getTopic().equals("sexual")).singleElement()
                .satisfies(t -> assertThat(t.getScore()).isEqualTo(0.8));
    }

    @Test
    void unusableAnswersGiveNoVerdict() {
        for (String content : List.of(
                "this is not json {",
                "{\"translation\":\"a lighthouse\"}",
                answer("a lighthouse", ALL_ZERO.replace(",\"weapons\":0", "")),
                answer("a lighthouse", ALL_ZERO.replace("\"drugs\":0", "\"drugs\":1.5")),
                answer("a lighthouse", ALL_ZERO.replace("\"drugs\":0", "\"drugs\":\"low\"")),
                "{\"translation\":42,\"scores\":" + ALL_ZERO + "}")) {
            LLM.reply(Reply.content(content));
            assertUnavailable(RUSSIAN_PEEPING);
        }
    }

    @Test
    void httpErrorGivesNoVerdict() {
        LLM.reply(new Reply(500, "", 0));

        assertUnavailable(RUSSIAN_PEEPING);
    }

    @Test
    void slowAnswerGivesNoVerdict() {
        LLM.reply(new Reply(200, answer("a lighthouse", ALL_ZERO), 2500));

        assertUnavailable(RUSSIAN_PEEPING);
    }

    @Test
    void refusedConnectionGivesNoVerdict() throws IOException {
        LLM.stop();
        try {
            assertUnavailable(RUSSIAN_PEEPING);
        } finally {
            LLM.start();
        }
    }

    private void assertUnavailable(String prompt) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> moderate(prompt));
        assertThat(error).as("no verdict expected").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).doesNotContain("соседки");
    }

    private ModerationVerdict moderate(String prompt) {
        return moderation.moderatePrompt(ModeratePromptRequest.newBuilder()
                .setTenant("anonymous").setTaskId("task-1").setPrompt(prompt).build());
    }

    private static String answer(String translation, String scores) {
        return "{\"translation\":\"" + translation + "\",\"scores\":" + scores + "}";
    }
}
