package dev.heavyweight.moderation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.contracts.kserve.InferTensorContents;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelInferResponse.InferOutputTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetyModelAnswerTest {

    private static final List<String> LABELS = FakeBalancer.LABELS;

    private static ModelInferResponse typed(String datatype, Float... values) {
        return ModelInferResponse.newBuilder().addOutputs(InferOutputTensor.newBuilder().setName("probabilities")
                .setDatatype(datatype).addShape(1).addShape(values.length)
                .setContents(InferTensorContents.newBuilder().addAllFp32Contents(List.of(values)))).build();
    }

    @Test
    void typedContentsAreReadInLabelOrder() {
        assertThat(SafetyModelAnswer.probabilities(typed("FP32", 0.1f, 0.2f, 0.3f, 0.25f, 0.15f), LABELS))
                .containsExactly(Map.entry("Drawing", (double) 0.1f), Map.entry("Hentai", (double) 0.2f),
                        Map.entry("Neutral", (double) 0.3f), Map.entry("Porn", (double) 0.25f),
                        Map.entry("Sexy", (double) 0.15f));
    }

    @Test
    void answersThatDoNotFitAreErrors() {
        assertThatThrownBy(() -> SafetyModelAnswer.probabilities(typed("FP32", 0.5f, 0.5f), LABELS))
                .hasMessageContaining("2 values for 5 classes");
        assertThatThrownBy(() -> SafetyModelAnswer.probabilities(typed("FP16", 0.2f, 0.2f, 0.2f, 0.2f, 0.2f), LABELS))
                .hasMessageContaining("FP16");
        assertThatThrownBy(() -> SafetyModelAnswer.probabilities(typed("FP32", 0.2f, 0.2f, 1.7f, 0.2f, 0.2f), LABELS))
                .hasMessageContaining("Neutral");
        assertThatThrownBy(() -> SafetyModelAnswer.probabilities(ModelInferResponse.getDefaultInstance(), LABELS))
                .hasMessageContaining("no output 'probabilities'");
    }
}
