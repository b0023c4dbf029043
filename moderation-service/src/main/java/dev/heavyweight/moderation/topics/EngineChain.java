package dev.heavyweight.moderation.topics;

import dev.heavyweight.moderation.config.TopicConfig.UnassessedAction;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs engines in order over one input and turns their scores into a {@link Verdict}. After each engine the
 * scores so far are combined (highest score per topic, thresholds and special-care tightening applied once);
 * the first time a topic is flagged the input is blocked and later engines are skipped. When every engine has
 * run without a flag, each topic no engine could judge applies its unassessed-action. An engine that fails
 * fails the whole chain with {@link EngineFailedException}: no verdict, never "allowed".
 */
public final class EngineChain<I> {

    private final Kind kind;
    private final List<? extends ModerationEngine<I>> engines;
    private final Topics topics;
    private final ModerationMetrics metrics;

    public EngineChain(Kind kind, List<? extends ModerationEngine<I>> engines, Topics topics, ModerationMetrics metrics) {
        if (engines.isEmpty()) {
            throw new IllegalStateException("no " + kind.wireName() + " moderation engine is configured");
        }
        this.kind = kind;
        this.engines = List.copyOf(engines);
        this.topics = topics;
        this.metrics = metrics;
    }

    public List<String> engineNames() {
        return engines.stream().map(ModerationEngine::name).toList();
    }

    public Uni<Verdict> moderate(I input) {
        return runFrom(0, input, new ArrayList<>());
    }

    private Uni<Verdict> runFrom(int index, I input, List<EngineResult> done) {
        if (index == engines.size()) {
            return Uni.createFrom().item(() -> finish(done));
        }
        ModerationEngine<I> engine = engines.get(index);
        return metrics.timeStage(kind.wireName(), engine.name(), () -> Uni.createFrom().deferred(() -> engine.assess(input)))
                .onFailure().transform(cause -> cause instanceof EngineFailedException
                        ? cause : new EngineFailedException(engine.name(), cause))
                .flatMap(result -> {
                    done.add(new EngineResult(engine.name(), result.topics(), result.note()));
                    List<TopicResult> combined = topics.policy().combine(done);
                    if (combined.stream().anyMatch(TopicResult::flagged)) {
                        return Uni.createFrom().item(blocked(combined, done));
                    }
                    return runFrom(index + 1, input, done);
                });
    }

    private Verdict blocked(List<TopicResult> combined, List<EngineResult> done) {
        List<TopicResult> flagged = combined.stream().filter(TopicResult::flagged).toList();
        String engine = flagged.stream().max((a, b) -> Double.compare(a.margin(), b.margin())).orElseThrow().engine();
        List<String> categories = flagged.stream().map(TopicResult::topic).toList();
        StringBuilder detail = new StringBuilder("The ").append(kind.wireName()).append(" was blocked for ")
                .append(String.join(", ", categories)).append(" (");
        for (int i = 0; i < flagged.size(); i++) {
            TopicResult topic = flagged.get(i);
            detail.append(i == 0 ? "" : "; ").append(topic.topic()).append(' ').append(format(topic.score()))
                    .append(" ≥ ").append(format(topic.threshold())).append(" by ").append(topic.engine());
        }
        detail.append(')');
        String note = done.stream().filter(r -> r.engine().equals(engine)).map(EngineResult::note)
                .filter(n -> !n.isBlank()).findFirst().orElse("");
        if (!note.isEmpty()) {
            detail.append(". ").append(note);
        }
        return new Verdict(kind, false, kind.wireName() + "_blocked", detail.toString(), engine, categories, combined,
                engineVerdicts(done));
    }

    private Verdict finish(List<EngineResult> done) {
        List<TopicResult> combined = topics.policy().combine(done);
        List<String> unassessedBlocking = new ArrayList<>();
        for (Topic topic : topics.all()) {
            TopicResult result = combined.stream().filter(r -> r.topic().equals(topic.name())).findFirst().orElseThrow();
            if (!result.assessed() && topic.unassessedAction(kind) == UnassessedAction.BLOCK) {
                unassessedBlocking.add(topic.name());
            }
        }
        if (unassessedBlocking.isEmpty()) {
            return new Verdict(kind, true, "", "", "", List.of(), combined, engineVerdicts(done));
        }
        String detail = "The " + kind.wireName() + " could not be assessed for " + String.join(", ", unassessedBlocking)
                + " by any engine (" + String.join(", ", engineNames())
                + "), and these topics are blocked when unassessed"
                + (kind == Kind.PROMPT ? " (is it in a language the engines do not understand?)" : "");
        return new Verdict(kind, false, kind.wireName() + "_unassessed", detail, Verdict.POLICY_ENGINE,
                List.copyOf(unassessedBlocking), combined, engineVerdicts(done));
    }

    private List<EngineVerdict> engineVerdicts(List<EngineResult> done) {
        return done.stream().map(result -> {
            List<TopicResult> own = topics.policy().apply(result);
            List<String> flagged = own.stream().filter(TopicResult::flagged).map(TopicResult::topic).toList();
            String detail = flagged.isEmpty() ? "" : "flagged " + String.join(", ", flagged)
                    + (result.note().isBlank() ? "" : "; " + result.note());
            return new EngineVerdict(result.engine(), flagged.isEmpty(), flagged, detail, own);
        }).toList();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
