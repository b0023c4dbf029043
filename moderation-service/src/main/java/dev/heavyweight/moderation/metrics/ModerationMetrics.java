package dev.heavyweight.moderation.metrics;

import dev.heavyweight.moderation.service.PromptVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * {@code heavyweight_moderation_verdicts_total{kind,outcome,category}} and
 * {@code heavyweight_moderation_stage_seconds{kind,stage}}. A verdict counts once: when it is blocked for
 * several categories, {@code category} lists them sorted and joined with "+"; it is "none" otherwise.
 */
@Singleton
public class ModerationMetrics {

    public static final String KIND_PROMPT = "prompt";

    private final MeterRegistry registry;

    ModerationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordVerdict(String kind, PromptVerdict verdict) {
        String category = verdict.allowed() ? "none" : String.join("+", verdict.categories());
        count(kind, verdict.allowed() ? "allowed" : "blocked", category);
    }

    /** A request that got no verdict because a stage failed. */
    public void recordError(String kind) {
        count(kind, "error", "none");
    }

    /** Times {@code check} from subscription to its item or failure. */
    public <T> Uni<T> timeStage(String kind, String stage, Supplier<Uni<T>> check) {
        Timer timer = Timer.builder("heavyweight.moderation.stage")
                .description("Time spent in one moderation stage")
                .tags("kind", kind, "stage", stage)
                .register(registry);
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return check.get().onTermination().invoke(() -> sample.stop(timer));
        });
    }

    private void count(String kind, String outcome, String category) {
        Counter.builder("heavyweight.moderation.verdicts")
                .description("Moderation verdicts by kind, outcome and blocking categories")
                .tags("kind", kind, "outcome", outcome, "category", category)
                .register(registry)
                .increment();
    }
}
