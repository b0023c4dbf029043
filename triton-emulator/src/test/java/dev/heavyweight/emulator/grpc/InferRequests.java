package dev.heavyweight.emulator.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferInputTensor;
import dev.heavyweight.contracts.tensor.TensorCodec;

import java.util.List;

/** Builds ModelInferRequests the way a Triton client does. */
final class InferRequests {

    private InferRequests() {
    }

    static InferInputTensor.Builder stringInput(String name) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1).addShape(1);
    }

    static ByteString raw(String value) {
        return ByteString.copyFrom(TensorCodec.encodeStrings(List.of(value)));
    }

    static InferParameter int64(long value) {
        return InferParameter.newBuilder().setInt64Param(value).build();
    }

    /** A raw-encoded prompt request with seed and few steps, so it finishes quickly. */
    static ModelInferRequest.Builder prompt(String model, String prompt, long seed) {
        return ModelInferRequest.newBuilder()
                .setModelName(model)
                .setId("req-" + seed)
                .addInputs(stringInput("prompt"))
                .addRawInputContents(raw(prompt))
                .putParameters("seed", int64(seed))
                .putParameters("steps", int64(1));
    }
}
