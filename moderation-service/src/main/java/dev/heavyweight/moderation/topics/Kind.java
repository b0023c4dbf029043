package dev.heavyweight.moderation.topics;

/** What is being moderated; also the {@code kind} tag of the moderation metrics. */
public enum Kind {
    PROMPT("prompt"), IMAGE("image");

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /** "prompt" / "image": the verdict's stage and the metrics tag. */
    public String wireName() {
        return wireName;
    }
}
