package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.models.ModelSpec;

/**
 * One validated text-to-image request, as the Python backend of Triton's Stable Diffusion model sees it.
 *
 * @param model          the model to run
 * @param prompt         what to draw
 * @param negativePrompt what to avoid; empty when not given
 * @param seed           noise seed; equal inputs and seed give equal images
 * @param steps          diffusion steps; drives how long the request runs
 * @param width          image width in pixels
 * @param height         image height in pixels
 */
public record GenerationRequest(ModelSpec model, String prompt, String negativePrompt, long seed, int steps,
                                int width, int height) {
}
