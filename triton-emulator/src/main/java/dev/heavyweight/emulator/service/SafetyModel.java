package dev.heavyweight.emulator.service;

import java.util.List;

/**
 * The image-safety classifier every node serves beside Stable Diffusion, as its Triton model configuration
 * ({@code models/nsfw_mobilenet_v2/config.pbtxt}) describes it: nsfwjs's MobileNetV2 converted to ONNX.
 * The Stable Diffusion catalog in contracts is for text-to-image models only, so this descriptor lives here.
 */
public final class SafetyModel {

    public static final String NAME = "nsfw_mobilenet_v2";
    public static final String VERSION = "1";
    public static final String PLATFORM = "onnxruntime_onnx";
    public static final String INPUT = "image";
    public static final String INPUT_DATATYPE = "UINT8";
    public static final String OUTPUT = "probabilities";
    public static final String OUTPUT_DATATYPE = "FP32";
    public static final int SIZE = 224;
    /** NHWC, RGB 0..255. */
    public static final List<Long> INPUT_SHAPE = List.of(1L, (long) SIZE, (long) SIZE, 3L);
    public static final int INPUT_BYTES = SIZE * SIZE * 3;
    /** Output order, as in {@code labels.txt}. */
    public static final List<String> CLASSES = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");
    public static final List<Long> OUTPUT_SHAPE = List.of(1L, (long) CLASSES.size());
    /** Response parameter naming the classes (KServe v2 model metadata has no place for labels). */
    public static final String CLASSES_PARAMETER = "classes";
    /** Where the build puts the committed model file (see the module's pom). */
    public static final String RESOURCE = "/models/nsfw_mobilenet_v2/1/model.onnx";

    private SafetyModel() {
    }
}
