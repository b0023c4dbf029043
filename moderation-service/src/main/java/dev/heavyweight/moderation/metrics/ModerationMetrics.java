package dev.heavyweight.moderation.metrics;

import dev.heavyweight.moderation.topics.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * {@code heavyweight_moderation_verdicts_total{kind,outcome,category,engine}} and
 * {@code heavyweight_moderation_stage_seconds{kind,stage}} (one timer per engine). A verdict counts once: when it
 * is blocked for several topics, {@code category} lists them joined with "+"; it is "none" when allowed.
 * {@code outcome} is allowed, blocked, unassessed (an unassessed topic's action blocked) or error (no verdict).
 */
@Singleton
public class ModerationMetrics {

    public static final String KIND_PROMPT = "prompt";
    public static final String KIND_IMAGE = "image";

    private final MeterRegistry registry;

    ModerationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordVerdict(Verdict verdict) {
        String kind = verdict.kind().wireName();
        if (verdict.allowed()) {
            count(kind, "allowed", "none", "none");
        } else {
            String outcome = Verdict.POLICY_ENGINE.equals(verdict.engine()) ? "unassessed" : "blocked";
            count(kind, outcome, String.join("+", verdict.categories()), verdict.engine());
        }
    }

    /** A request that got no verdict because an engine failed. */
    public void recordError(String kind, String engine) {
        count(kind, "error", "none", engine);
    }

    /** Times {@code check} from subscription to its item or failure. */
    public <T> Uni<T> timeStage(String kind, String stage, Supplier<Uni<T>> check) {
        Timer timer = Timer.builder("heavyweight.moderation.stage")
                .description("Time spent in one moderation engine")
                .tags("kind", kind, "stage", stage)
                .register(registry);
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return check.get().onTermination().invoke(() -> sample.stop(timer));
        });
    }

    private void count(String kind, String outcome, String category, String engine) {
        Counter.builder("heavyweight.moderation.verdicts")
                .description("Moderation verdicts by kind, outcome, blocking topics and blocking engine")
                .tags("kind", kind, "outcome", outcome, "category", category, "engine", engine)
                .register(registry)
                .increment();
    }
}
