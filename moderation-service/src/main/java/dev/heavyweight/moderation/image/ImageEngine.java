package dev.heavyweight.moderation.image;

import dev.heavyweight.moderation.topics.ModerationEngine;

/** An image engine; the pipeline runs those named in {@code heavyweight.moderation.image-engines}, in order. */
public interface ImageEngine extends ModerationEngine<ImageInput> {
}
