package dev.heavyweight.moderation.image;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/** The real safety model (models/nsfw_mobilenet_v2/1/model.onnx on ONNX Runtime), for the fake balancer to answer with. */
final class OnnxSafetyModel implements AutoCloseable {

    static final Path MODEL = Path.of("..", "models", "nsfw_mobilenet_v2", "1", "model.onnx");
    private static final long[] SHAPE = {1, SafetyModelInput.SIZE, SafetyModelInput.SIZE, 3};

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OnnxSafetyModel() throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = environment.createSession(MODEL.toString(), options);
        }
    }

    float[] classify(byte[] rgb) {
        try (OnnxTensor image = OnnxTensor.createTensor(environment, ByteBuffer.wrap(rgb), SHAPE, OnnxJavaType.UINT8);
             OrtSession.Result result = session.run(Map.of("image", image))) {
            return ((float[][]) result.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
