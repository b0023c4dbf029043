package dev.heavyweight.task.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionValidatorTest {

    private static SubmissionRequest request(String model, int width, int height, int steps) {
        return new SubmissionRequest("acme", "a lighthouse at dusk", "", model, width, height, steps, 7L, Lane.BATCH, "", "", "", "");
    }

    @Test
    void resolvesDefaultsFromTheDefaultModel() {
        Submission submission = SubmissionValidator.validate(
                new SubmissionRequest("acme", "a lighthouse", null, "", 0, 0, 0, null, null, "", "", "", ""));

        assertThat(submission.model().name()).isEqualTo(ModelCatalog.DEFAULT_MODEL);
        assertThat(submission.width()).isEqualTo(512);
        assertThat(submission.height()).isEqualTo(512);
        assertThat(submission.steps()).isEqualTo(50);
        assertThat(submission.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(submission.negativePrompt()).isEmpty();
        assertThat(submission.seed()).isBetween(0L, SubmissionValidator.MAX_SEED);
    }

    @Test
    void keepsExplicitValues() {
        Submission submission = SubmissionValidator.validate(request(ModelCatalog.SD_XL, 768, 1536, 20));

        assertThat(submission.model().name()).isEqualTo(ModelCatalog.SD_XL);
        assertThat(submission.width()).isEqualTo(768);
        assertThat(submission.height()).isEqualTo(1536);
        assertThat(submission.steps()).isEqualTo(20);
        assertThat(submission.seed()).isEqualTo(7L);
        assertThat(submission.lane()).isEqualTo(Lane.BATCH);
    }

    @ParameterizedTest
    @CsvSource({
            "stable_diffusion_1_5, 500, 512, 50, 'width: must be a multiple of 64 between 256 and 1024'",
            "stable_diffusion_1_5, 512, 1088, 50, 'height: must be a multiple of 64 between 256 and 1024'",
            "stable_diffusion_xl, 256, 1024, 30, 'width: must be a multiple of 64 between 512 and 1536'",
            "stable_diffusion_1_5, -64, 512, 50, 'width: must be a multiple of 64 between 256 and 1024'",
            "stable_diffusion_1_5, 512, 512, 101, 'steps: must be between 1 and 100'",
            "stable_diffusion_1_5, 512, 512, -1, 'steps: must be between 1 and 100'",
            "dall-e, 512, 512, 50, 'model: unknown model'"})
    void namesTheInvalidField(String model, int width, int height, int steps, String message) {
        assertThatThrownBy(() -> SubmissionValidator.validate(request(model, width, height, steps)))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void requiresTenantAndPrompt() {
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest(" ", "a cat", "", "", 0, 0, 0, null, null, "", "", "", "")))
                .hasMessageStartingWith("tenant:");
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest("acme", " \t", "", "", 0, 0, 0, null, null, "", "", "", "")))
                .hasMessageStartingWith("prompt:");
    }

    @Test
    void countsPromptLengthInCodePoints() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String atLimit = emoji.repeat(SubmissionValidator.MAX_PROMPT_CODE_POINTS);

        assertThat(SubmissionValidator.validate(
                new SubmissionRequest("acme", atLimit, atLimit, "", 0, 0, 0, null, null, "", "", "", "")).prompt()).isEqualTo(atLimit);
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest("acme", atLimit + "a", "", "", 0, 0, 0, null, null, "", "", "", "")))
                .hasMessage("prompt: must be at most 2000 characters");
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest("acme", "a cat", atLimit + "a", "", 0, 0, 0, null, null, "", "", "", "")))
                .hasMessage("negative_prompt: must be at most 2000 characters");
    }

    @Test
    void refusesSeedsOutsideFiftyThreeBits() {
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, -1L, null, "", "", "", "")))
                .hasMessageStartingWith("seed:");
        assertThatThrownBy(() -> SubmissionValidator.validate(
                new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, SubmissionValidator.MAX_SEED + 1, null, "", "", "", "")))
                .hasMessageStartingWith("seed:");
    }

    @ParameterizedTest
    @CsvSource({"0", "7", "27", "31"})
    void refusesControlCharactersInPromptsButNotTabsOrLineBreaks(int code) {
        String text = "a cat" + (char) code + " on a mat";

        assertThatThrownBy(() -> SubmissionValidator.validate(withText(text, "")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("prompt: must not contain control characters");
        assertThatThrownBy(() -> SubmissionValidator.validate(withText("a cat", text)))
                .hasMessageStartingWith("negative_prompt: must not contain control characters");
        assertThat(SubmissionValidator.validate(withText("a cat\ton a\r\nmat\n", "blurry\t")).prompt())
                .isEqualTo("a cat\ton a\r\nmat\n");
    }

    @Test
    void checksUserEndUserAndIdempotencyKey() {
        assertThatThrownBy(() -> SubmissionValidator.validate(full("u\u0000", "", "", "")))
                .hasMessageStartingWith("user: must not contain control characters");
        assertThatThrownBy(() -> SubmissionValidator.validate(full("", "", "", "x".repeat(257))))
                .hasMessageStartingWith("end_user: must be at most 256 characters");
        assertThatThrownBy(() -> SubmissionValidator.validate(full("", "k".repeat(256), "", "")))
                .hasMessageStartingWith("idempotency_key: must be at most 255 characters");
        assertThatThrownBy(() -> SubmissionValidator.validate(full("", "k\u00e9", "", "")))
                .hasMessageStartingWith("idempotency_key: must be printable ASCII");

        Submission submission = SubmissionValidator.validate(full("alice", "order-42", "", "player-7"));
        assertThat(submission.user()).isEqualTo("alice");
        assertThat(submission.endUser()).isEqualTo("player-7");
        assertThat(submission.idempotencyKey()).isEqualTo("order-42");
        assertThat(submission.requestHash()).hasSize(64);
        Submission anonymous = SubmissionValidator.validate(full("", "", "", ""));
        assertThat(anonymous.endUser()).isNull();
        assertThat(anonymous.idempotencyKey()).isNull();
        assertThat(anonymous.requestHash()).isNull();
        assertThat(anonymous.webhookUrl()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/hook | webhook_url: must be an absolute http or https URL",
            "/relative/hook | webhook_url: must be an absolute http or https URL",
            "http:///no-host | webhook_url: must name a host",
            "https://user:pw@example.com/ | webhook_url: must not carry credentials",
            "http://exa mple.com/ | webhook_url: is not a valid URL"})
    void refusesMalformedWebhookUrls(String url, String message) {
        assertThatThrownBy(() -> SubmissionValidator.validate(full("", "", url, "")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theRequestHashCoversTheRequestButNotWhoSentItOrTheKey() {
        String hash = hash(new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, null, null, "alice", "k1",
                "https://hooks.example.com/x", "p1"));

        assertThat(hash(new SubmissionRequest("other", "a cat", "", "", 0, 0, 0, null, null, "bob", "k2",
                "https://hooks.example.com/x", "p1"))).isEqualTo(hash);
        // Defaults spelled out are the same request; a drawn seed is not part of it.
        assertThat(hash(new SubmissionRequest("acme", "a cat", "", ModelCatalog.DEFAULT_MODEL, 512, 512, 50, null,
                Lane.INTERACTIVE, "alice", "k1", "https://hooks.example.com/x", "p1"))).isEqualTo(hash);
        assertThat(hash(new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, 0L, null, "alice", "k1",
                "https://hooks.example.com/x", "p1"))).isNotEqualTo(hash);
        assertThat(hash(new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, null, null, "alice", "k1",
                "https://hooks.example.com/y", "p1"))).isNotEqualTo(hash);
        assertThat(hash(new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, null, null, "alice", "k1",
                "https://hooks.example.com/x", ""))).isNotEqualTo(hash);
        assertThat(hash(new SubmissionRequest("acme", "a ca", "t", "", 0, 0, 0, null, null, "alice", "k1",
                "https://hooks.example.com/x", "p1"))).isNotEqualTo(hash);
        assertThat(hash(new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, null, Lane.BATCH, "alice", "k1",
                "https://hooks.example.com/x", "p1"))).isNotEqualTo(hash);
    }

    private static String hash(SubmissionRequest request) {
        return SubmissionValidator.validate(request).requestHash();
    }

    private static SubmissionRequest withText(String prompt, String negativePrompt) {
        return new SubmissionRequest("acme", prompt, negativePrompt, "", 0, 0, 0, null, null, "", "", "", "");
    }

    private static SubmissionRequest full(String user, String key, String webhookUrl, String endUser) {
        return new SubmissionRequest("acme", "a cat", "", "", 0, 0, 0, null, null, user, key, webhookUrl, endUser);
    }
}
