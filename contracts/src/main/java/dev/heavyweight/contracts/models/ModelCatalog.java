package dev.heavyweight.contracts.models;

import java.util.List;
import java.util.Optional;

/**
 * The text-to-image models of Triton's Stable Diffusion setup, with the limits the platform accepts.
 * Inputs: {@code prompt} BYTES [1,1], optional {@code negative_prompt} BYTES [1,1];
 * output: {@code generated_image} UINT8 [1,H,W,3].
 */
public final class ModelCatalog {

    public static final String SD_1_5 = "stable_diffusion_1_5";
    public static final String SD_XL = "stable_diffusion_xl";
    public static final String DEFAULT_MODEL = SD_1_5;

    public static final String INPUT_PROMPT = "prompt";
    public static final String INPUT_NEGATIVE_PROMPT = "negative_prompt";
    public static final String OUTPUT_IMAGE = "generated_image";

    /** Custom request parameters the Python backend (and the emulator) read. */
    public static final String PARAM_SEED = "seed";
    public static final String PARAM_STEPS = "steps";
    public static final String PARAM_WIDTH = "width";
    public static final String PARAM_HEIGHT = "height";
    public static final String PARAM_GUIDANCE_SCALE = "guidance_scale";

    private static final List<ModelSpec> MODELS = List.of(
            new ModelSpec(SD_1_5, 512, 256, 1024, 50),
            new ModelSpec(SD_XL, 1024, 512, 1536, 30));

    private ModelCatalog() {
    }

    public static List<ModelSpec> all() {
        return MODELS;
    }

    public static Optional<ModelSpec> find(String name) {
        return MODELS.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
