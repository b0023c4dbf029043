package dev.heavyweight.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.messages.JobMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobDecoderTest {

    private final JobDecoder decoder = new JobDecoder(new ObjectMapper());

    @Test
    void readsAJobIgnoringUnknownFieldsAndDefaultingTheNegativePrompt() {
        JobMessage job = decoder.decode(json("""
                {"schema":1,"taskId":"t-1","tenant":"acme","attempt":2,"lane":"batch","priority":3,
                 "model":"stable_diffusion_1_5","prompt":"a cat","width":512,"height":256,"steps":20,
                 "seed":-7,"enqueuedAtMs":10,"deadlineMs":20,"maxAttempts":3,"addedLater":true}"""));

        assertThat(job.taskId()).isEqualTo("t-1");
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.isLastAttempt()).isFalse();
        assertThat(job.seed()).isEqualTo(-7);
        assertThat(job.width()).isEqualTo(512);
        assertThat(job.height()).isEqualTo(256);
        assertThat(job.negativePrompt()).isEmpty();
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> decoder.decode(json("not json"))).isInstanceOf(InvalidJobException.class);
    }

    @Test
    void refusesAnotherSchemaVersion() {
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"schema\":1", "\"schema\":2"))))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("schema 2");
    }

    @Test
    void refusesATenantThatWouldEscapeItsKeyPrefix() {
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"acme\"", "\"acme/../other\""))))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void refusesMissingPromptUnknownLaneAndNonPositiveSize() {
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"prompt\":\"a cat\",", ""))))
                .hasMessageContaining("prompt");
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"batch\"", "\"urgent\""))))
                .hasMessageContaining("lane");
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"width\":64", "\"width\":0"))))
                .hasMessageContaining("width");
    }

    @Test
    void refusesAJobWithoutAnAttemptLimit() {
        assertThatThrownBy(() -> decoder.decode(json(valid().replace(",\"maxAttempts\":3", ""))))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> decoder.decode(json(valid().replace("\"maxAttempts\":3", "\"maxAttempts\":0"))))
                .hasMessageContaining("maxAttempts");
    }

    private static String valid() {
        return """
                {"schema":1,"taskId":"t-1","tenant":"acme","attempt":1,"lane":"batch","priority":0,
                 "model":"stable_diffusion_1_5","prompt":"a cat","negativePrompt":"","width":64,"height":64,
                 "steps":4,"seed":1,"enqueuedAtMs":1,"deadlineMs":2,"maxAttempts":3}""";
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
