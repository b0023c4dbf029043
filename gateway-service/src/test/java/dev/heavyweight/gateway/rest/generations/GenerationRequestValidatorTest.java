package dev.heavyweight.gateway.rest.generations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.gateway.rest.FieldError;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.service.GenerationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerationRequestValidatorTest {

    private final GenerationRequestValidator validator = new GenerationRequestValidator();

    private static GenerationRequest prompt(String prompt) {
        return new GenerationRequest(prompt, null, null, null, null, null, null, null);
    }

    private List<FieldError> errors(GenerationRequest request) {
        return catchThrowableOfType(InvalidRequestException.class, () -> validator.validate(request)).errors();
    }

    private List<String> fields(GenerationRequest request) {
        return errors(request).stream().map(FieldError::field).toList();
    }

    @Test
    void promptAloneGetsTheDefaultModelsDefaults() {
        GenerationSpec spec = validator.validate(prompt("a red fox"));

        assertThat(spec).isEqualTo(new GenerationSpec("a red fox", "", "stable_diffusion_1_5", 512, 512, 50, null,
                Lane.INTERACTIVE));
    }

    @Test
    void defaultsComeFromTheChosenModel() {
        GenerationSpec spec = validator.validate(
                new GenerationRequest("castle", "fog", "stable_diffusion_xl", null, 768, null, 0L, "batch"));

        assertThat(spec).isEqualTo(new GenerationSpec("castle", "fog", "stable_diffusion_xl", 1024, 768, 30, 0L,
                Lane.BATCH));
    }

    @Test
    void missingEmptyOrBlankPromptIsRefused() {
        assertThat(errors(prompt(null))).containsExactly(new FieldError("prompt", "is required"));
        assertThat(fields(prompt(""))).containsExactly("prompt");
        assertThat(fields(prompt(" \t\n\u3000"))).containsExactly("prompt");
        assertThat(fields(prompt("\u200b\ufeff"))).containsExactly("prompt");
    }

    @Test
    void promptLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83E\uDD8A";
        assertThat(validator.validate(prompt(emoji.repeat(2000))).prompt()).hasSize(4000);
        assertThat(validator.validate(prompt("a".repeat(2000))).prompt()).hasSize(2000);
        assertThat(errors(prompt("a".repeat(2001))))
                .containsExactly(new FieldError("prompt", "must be at most 2000 characters"));
        assertThat(fields(prompt(emoji.repeat(2001)))).containsExactly("prompt");
    }

    @Test
    void controlCharactersOtherThanTabAndLineBreaksAreRefused() {
        for (String bad : List.of("a cat\u0000 on a mat", "\u0000", "bell\u0007", "esc\u001b[31m", "\u001f")) {
            assertThat(errors(prompt(bad))).containsExactly(new FieldError("prompt",
                    "must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return)"));
            assertThat(fields(new GenerationRequest("cat", bad, null, null, null, null, null, null)))
                    .containsExactly("negative_prompt");
        }
        assertThat(validator.validate(prompt("a cat\ton a mat\r\n")).prompt()).isEqualTo("a cat\ton a mat\r\n");
    }

    @Test
    void negativePromptIsLimitedToo() {
        assertThat(fields(new GenerationRequest("cat", "n".repeat(2001), null, null, null, null, null, null)))
                .containsExactly("negative_prompt");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 192, 500, 1088, 2048, -64})
    void sizeOutsideTheModelsGridIsRefused(int size) {
        assertThat(errors(new GenerationRequest("cat", null, null, size, null, null, null, null))).containsExactly(
                new FieldError("width", "must be a multiple of 64 between 256 and 1024 for stable_diffusion_1_5"));
        assertThat(fields(new GenerationRequest("cat", null, null, null, size, null, null, null)))
                .containsExactly("height");
    }

    @Test
    void sizeLimitsDependOnTheModel() {
        assertThat(fields(new GenerationRequest("cat", null, "stable_diffusion_1_5", 1536, null, null, null, null)))
                .containsExactly("width");
        assertThat(validator.validate(new GenerationRequest("cat", null, "stable_diffusion_xl", 1536, 512, null, null,
                null)).width()).isEqualTo(1536);
        assertThat(validator.validate(new GenerationRequest("cat", null, null, 256, 1024, null, null, null)).height())
                .isEqualTo(1024);
    }

    @Test
    void unknownModelIsRefusedWithoutJudgingTheSize() {
        assertThat(errors(new GenerationRequest("cat", null, "dall-e-3", 333, null, null, null, null)))
                .containsExactly(new FieldError("model", "must be one of stable_diffusion_1_5, stable_diffusion_xl"));
        assertThat(fields(new GenerationRequest("cat", null, "", null, null, null, null, null))).containsExactly("model");
    }

    @Test
    void stepsMustBeBetweenOneAndHundred() {
        assertThat(errors(new GenerationRequest("cat", null, null, null, null, 0, null, null)))
                .containsExactly(new FieldError("steps", "must be between 1 and 100"));
        assertThat(fields(new GenerationRequest("cat", null, null, null, null, 101, null, null))).containsExactly("steps");
        assertThat(validator.validate(new GenerationRequest("cat", null, null, null, null, 1, null, null)).steps())
                .isEqualTo(1);
        assertThat(validator.validate(new GenerationRequest("cat", null, null, null, null, 100, null, null)).steps())
                .isEqualTo(100);
    }

    @Test
    void seedMustFitInAJsonSafeInteger() {
        assertThat(fields(new GenerationRequest("cat", null, null, null, null, null, -1L, null))).containsExactly("seed");
        assertThat(fields(new GenerationRequest("cat", null, null, null, null, null, 1L << 53, null)))
                .containsExactly("seed");
        assertThat(validator.validate(new GenerationRequest("cat", null, null, null, null, null, (1L << 53) - 1, null))
                .seed()).isEqualTo((1L << 53) - 1);
    }

    @Test
    void priorityIsInteractiveOrBatch() {
        assertThat(errors(new GenerationRequest("cat", null, null, null, null, null, null, "urgent")))
                .containsExactly(new FieldError("priority", "must be interactive or batch"));
        assertThat(validator.validate(new GenerationRequest("cat", null, null, null, null, null, null, "interactive"))
                .lane()).isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void everyProblemIsReportedTogether() {
        assertThat(fields(new GenerationRequest("", "x".repeat(2001), null, 65, 2000, 0, -5L, "later")))
                .containsExactly("prompt", "negative_prompt", "width", "height", "steps", "seed", "priority");
    }

    @Test
    void missingBodyIsRefused() {
        assertThat(fields(null)).containsExactly("body");
    }
}
