package dev.heavyweight.moderation.topics;

/** An engine could not give a verdict (model error, LLM timeout, classifier unreachable): fail closed. */
public class EngineFailedException extends RuntimeException {

    private final String engine;

    public EngineFailedException(String engine, Throwable cause) {
        super("moderation engine " + engine + " failed: " + cause.getMessage(), cause);
        this.engine = engine;
    }

    public String engine() {
        return engine;
    }
}
