package dev.heavyweight.emulator.service;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * One ONNX Runtime session of the safety model. Sessions are safe for concurrent runs, so the process needs
 * only one. The model's tensors are checked when it loads, so a wrong file fails startup, not requests.
 */
public final class SafetyClassifier implements AutoCloseable {

    private static final long[] INPUT_SHAPE = SafetyModel.INPUT_SHAPE.stream().mapToLong(Long::longValue).toArray();
    private static final long[] OUTPUT_SHAPE = SafetyModel.OUTPUT_SHAPE.stream().mapToLong(Long::longValue).toArray();

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SafetyClassifier(byte[] model, int threads, String source) {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the safety model from " + source + ": " + e.getMessage(), e);
        }
        try {
            check(session.getInputInfo(), SafetyModel.INPUT, OnnxJavaType.UINT8, INPUT_SHAPE, source);
            check(session.getOutputInfo(), SafetyModel.OUTPUT, OnnxJavaType.FLOAT, OUTPUT_SHAPE, source);
        } catch (OrtException e) {
            close();
            throw new IllegalStateException("cannot read the tensors of the safety model from " + source, e);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    /** Loads {@code path}, or the model packaged in the jar when it is empty. */
    public static SafetyClassifier load(Optional<Path> path, int threads) {
        if (path.isPresent()) {
            try {
                return new SafetyClassifier(Files.readAllBytes(path.get()), threads, path.get().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the safety model " + path.get(), e);
            }
        }
        try (InputStream in = SafetyClassifier.class.getResourceAsStream(SafetyModel.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the safety model is not packaged at classpath:" + SafetyModel.RESOURCE);
            }
            return new SafetyClassifier(in.readAllBytes(), threads, "classpath:" + SafetyModel.RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + SafetyModel.RESOURCE, e);
        }
    }

    /** The class probabilities of one 224×224 RGB image (row-major NHWC bytes), in {@link SafetyModel#CLASSES} order. */
    public float[] classify(byte[] rgb) {
        if (rgb.length != SafetyModel.INPUT_BYTES) {
            throw new IllegalArgumentException("expected " + SafetyModel.INPUT_BYTES + " bytes, got " + rgb.length);
        }
        try (OnnxTensor image = OnnxTensor.createTensor(environment, ByteBuffer.wrap(rgb), INPUT_SHAPE,
                OnnxJavaType.UINT8);
             OrtSession.Result result = session.run(Map.of(SafetyModel.INPUT, image))) {
            return ((float[][]) result.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException("safety model inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the safety model session", e);
        }
    }

    private static void check(Map<String, NodeInfo> tensors, String name, OnnxJavaType type, long[] shape,
                              String source) {
        NodeInfo node = tensors.get(name);
        if (tensors.size() != 1 || node == null || !(node.getInfo() instanceof TensorInfo info)
                || info.type != type || !Arrays.equals(info.getShape(), shape)) {
            throw new IllegalStateException("the safety model from " + source + " has tensors " + tensors
                    + ", expected only '" + name + "' " + type + " " + Arrays.toString(shape));
        }
    }
}
