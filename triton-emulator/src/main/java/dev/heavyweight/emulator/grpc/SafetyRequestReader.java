package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.InferTensorContents;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferInputTensor;
import dev.heavyweight.contracts.kserve.ModelInferRequest.InferRequestedOutputTensor;
import dev.heavyweight.emulator.service.SafetyModel;

/**
 * Reads the image of a ModelInfer call for the safety model, checked as Triton checks it against the model's
 * config.pbtxt: one input {@code image}, UINT8 [1,224,224,3], in {@code raw_input_contents} or typed
 * {@code uint_contents}. Anything else is INVALID_ARGUMENT naming the tensor.
 */
final class SafetyRequestReader {

    private SafetyRequestReader() {
    }

    /** The image's bytes, row-major NHWC RGB. */
    static byte[] read(ModelInferRequest request) {
        if (!request.getModelVersion().isEmpty() && !SafetyModel.VERSION.equals(request.getModelVersion())) {
            throw InferErrors.unknownModel(request.getModelName(), request.getModelVersion());
        }
        for (InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!SafetyModel.OUTPUT.equals(output.getName())) {
                throw InferErrors.invalid("unexpected inference output '" + output.getName() + "' for model '"
                        + SafetyModel.NAME + "'; it has only '" + SafetyModel.OUTPUT + "'");
            }
        }
        if (request.getInputsCount() == 0) {
            throw InferErrors.invalid("missing required input '" + SafetyModel.INPUT + "' for model '"
                    + SafetyModel.NAME + "'");
        }
        if (request.getInputsCount() > 1) {
            throw InferErrors.invalid("model '" + SafetyModel.NAME + "' expects 1 input ('" + SafetyModel.INPUT
                    + "'), got " + request.getInputsCount());
        }
        InferInputTensor input = request.getInputs(0);
        if (!SafetyModel.INPUT.equals(input.getName())) {
            throw InferErrors.invalid("unexpected inference input '" + input.getName() + "' for model '"
                    + SafetyModel.NAME + "'; it expects '" + SafetyModel.INPUT + "'");
        }
        if (!SafetyModel.INPUT_DATATYPE.equals(input.getDatatype())) {
            throw InferErrors.invalid("inference input '" + SafetyModel.INPUT + "' data-type is '"
                    + input.getDatatype() + "', but model '" + SafetyModel.NAME + "' expects 'UINT8'");
        }
        if (!SafetyModel.INPUT_SHAPE.equals(input.getShapeList())) {
            throw InferErrors.invalid("unexpected shape for input '" + SafetyModel.INPUT + "' for model '"
                    + SafetyModel.NAME + "': expected " + SafetyModel.INPUT_SHAPE + ", got " + input.getShapeList()
                    + " (resize the image to 224x224 RGB first)");
        }
        if (request.getRawInputContentsCount() > 1) {
            throw InferErrors.invalid("expected 1 raw_input_contents (one per input), got "
                    + request.getRawInputContentsCount());
        }
        return request.getRawInputContentsCount() == 1 ? raw(input, request) : typed(input.getContents());
    }

    private static byte[] raw(InferInputTensor input, ModelInferRequest request) {
        if (input.hasContents()) {
            throw InferErrors.invalid("contents field must not be specified when using raw_input_contents, "
                    + "but input '" + SafetyModel.INPUT + "' has both");
        }
        int size = request.getRawInputContents(0).size();
        if (size != SafetyModel.INPUT_BYTES) {
            throw InferErrors.invalid("input '" + SafetyModel.INPUT + "' needs " + SafetyModel.INPUT_BYTES
                    + " bytes of raw_input_contents for shape " + SafetyModel.INPUT_SHAPE + ", got " + size);
        }
        return request.getRawInputContents(0).toByteArray();
    }

    private static byte[] typed(InferTensorContents contents) {
        int count = contents.getUintContentsCount();
        if (count != SafetyModel.INPUT_BYTES) {
            throw InferErrors.invalid("input '" + SafetyModel.INPUT + "' needs " + SafetyModel.INPUT_BYTES
                    + " elements in contents.uint_contents (or raw_input_contents), got " + count);
        }
        byte[] rgb = new byte[count];
        for (int i = 0; i < count; i++) {
            int value = contents.getUintContents(i);
            if (value < 0 || value > 255) {
                throw InferErrors.invalid("input '" + SafetyModel.INPUT + "' element " + i + " is "
                        + Integer.toUnsignedString(value) + ", not a UINT8");
            }
            rgb[i] = (byte) value;
        }
        return rgb;
    }
}
