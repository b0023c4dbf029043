package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse.TensorMetadata;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.emulator.service.SafetyModel;

import java.util.List;

/**
 * The metadata Triton reports for its Stable Diffusion models (Python backend, variable image size) and for the
 * safety model (ONNX Runtime backend, fixed shapes, as its config.pbtxt says).
 */
final class ModelDescriptions {

    private static final List<Long> STRING_SHAPE = List.of(1L, 1L);
    private static final List<Long> IMAGE_SHAPE = List.of(1L, -1L, -1L, 3L);

    private ModelDescriptions() {
    }

    static ModelMetadataResponse metadata(ModelSpec model, TensorRenames renames) {
        return ModelMetadataResponse.newBuilder()
                .setName(model.name())
                .addVersions(InferRequestReader.MODEL_VERSION)
                .setPlatform("python")
                .addInputs(tensor(renames.declared(ModelCatalog.INPUT_PROMPT), TensorCodec.BYTES, STRING_SHAPE))
                .addInputs(tensor(renames.declared(ModelCatalog.INPUT_NEGATIVE_PROMPT), TensorCodec.BYTES, STRING_SHAPE))
                .addOutputs(tensor(renames.declared(ModelCatalog.OUTPUT_IMAGE), TensorCodec.UINT8, IMAGE_SHAPE))
                .build();
    }

    static ModelMetadataResponse safetyModel() {
        return ModelMetadataResponse.newBuilder()
                .setName(SafetyModel.NAME)
                .addVersions(SafetyModel.VERSION)
                .setPlatform(SafetyModel.PLATFORM)
                .addInputs(tensor(SafetyModel.INPUT, SafetyModel.INPUT_DATATYPE, SafetyModel.INPUT_SHAPE))
                .addOutputs(tensor(SafetyModel.OUTPUT, SafetyModel.OUTPUT_DATATYPE, SafetyModel.OUTPUT_SHAPE))
                .build();
    }

    private static TensorMetadata tensor(String name, String datatype, List<Long> shape) {
        return TensorMetadata.newBuilder().setName(name).setDatatype(datatype).addAllShape(shape).build();
    }
}
