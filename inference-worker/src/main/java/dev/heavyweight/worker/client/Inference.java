package dev.heavyweight.worker.client;

import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.TaskEventMessage.Execution;
import dev.heavyweight.contracts.tensor.RgbImage;

/**
 * A generated image and where it was generated.
 *
 * @param execution the node, its class and the GPU time the balancer reported; null when it reported none (a
 *                  balancer of an older release, or a bare Triton node)
 */
public record Inference(RgbImage image, Execution execution) {

    static Execution executionOf(ModelInferResponse response) {
        InferParameter node = response.getParametersMap().get(Execution.NODE_PARAMETER);
        if (node == null || node.getStringParam().isEmpty()) {
            return null;
        }
        InferParameter nodeClass = response.getParametersMap().get(Execution.NODE_CLASS_PARAMETER);
        InferParameter gpuMs = response.getParametersMap().get(Execution.GPU_MS_PARAMETER);
        return new Execution(node.getStringParam(), nodeClass == null ? "" : nodeClass.getStringParam(),
                gpuMs == null ? 0 : gpuMs.getInt64Param());
    }
}
