package dev.heavyweight.contracts.models;

/**
 * What the platform knows about one Triton text-to-image model.
 *
 * @param name         Triton model name
 * @param defaultSize  width and height used when a request gives none
 * @param minSize      smallest accepted width or height
 * @param maxSize      largest accepted width or height
 * @param defaultSteps diffusion steps used when a request gives none
 */
public record ModelSpec(String name, int defaultSize, int minSize, int maxSize, int defaultSteps) {

    /** Width and height must be multiples of this (the VAE's downsampling factor times 8). */
    public static final int SIZE_MULTIPLE = 64;
    public static final int MIN_STEPS = 1;
    public static final int MAX_STEPS = 100;

    /** True when {@code size} is a multiple of {@link #SIZE_MULTIPLE} within this model's limits. */
    public boolean acceptsSize(int size) {
        return size % SIZE_MULTIPLE == 0 && size >= minSize && size <= maxSize;
    }
}
