package dev.heavyweight.moderation.image;

import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safety model's answer: output {@code probabilities} FP32 [1,N], from {@code raw_output_contents}
 * (little-endian, as Triton answers) or typed {@code fp32_contents}, with the class names from the response
 * parameter {@code classes} when present, else the configured labels. An answer that does not fit is an error,
 * never a guess.
 */
final class SafetyModelAnswer {

    static final String OUTPUT = "probabilities";
    static final String CLASSES_PARAMETER = "classes";

    private SafetyModelAnswer() {
    }

    /** Probability per class name, in the model's output order. */
    static Map<String, Double> probabilities(ModelInferResponse response, List<String> labels) {
        int index = -1;
        for (int i = 0; i < response.getOutputsCount(); i++) {
            if (OUTPUT.equals(response.getOutputs(i).getName())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalStateException("the safety model's answer has no output '" + OUTPUT + "'");
        }
        InferOutputTensor output = response.getOutputs(index);
        if (!"FP32".equals(output.getDatatype())) {
            throw new IllegalStateException("output '" + OUTPUT + "' is " + output.getDatatype() + ", expected FP32");
        }
        float[] values = values(response, index, output);
        List<String> classes = classes(response, labels);
        if (values.length != classes.size()) {
            throw new IllegalStateException("output '" + OUTPUT + "' has " + values.length + " values for "
                    + classes.size() + " classes " + classes);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            double p = values[i];
            if (!(p >= 0 && p <= 1.0001)) {
                throw new IllegalStateException("class " + classes.get(i) + " has probability " + p);
            }
            probabilities.put(classes.get(i), Math.min(1, p));
        }
        return probabilities;
    }

    private static float[] values(ModelInferResponse response, int index, InferOutputTensor output) {
        if (response.getRawOutputContentsCount() > index) {
            ByteBuffer raw = response.getRawOutputContents(index).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() % Float.BYTES != 0) {
                throw new IllegalStateException("output '" + OUTPUT + "' has " + raw.remaining() + " raw bytes");
            }
            float[] values = new float[raw.remaining() / Float.BYTES];
            raw.asFloatBuffer().get(values);
            return values;
        }
        List<Float> typed = output.getContents().getFp32ContentsList();
        float[] values = new float[typed.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = typed.get(i);
        }
        return values;
    }

    private static List<String> classes(ModelInferResponse response, List<String> labels) {
        InferParameter named = response.getParametersMap().get(CLASSES_PARAMETER);
        if (named == null || named.getStringParam().isBlank()) {
            return labels;
        }
        return Arrays.stream(named.getStringParam().split(",")).map(String::trim).toList();
    }
}
