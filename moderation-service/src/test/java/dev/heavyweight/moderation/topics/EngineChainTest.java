package dev.heavyweight.moderation.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.moderation.config.TopicConfig.UnassessedAction;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Thresholds, special-care tightening, unassessed actions and engine order, on plain values. */
class EngineChainTest {

    private static Topic topic(String name, double threshold, boolean specialCare, UnassessedAction prompt) {
        return new Topic(name, threshold, specialCare, prompt, UnassessedAction.ALLOW, "", List.of(), List.of(),
                List.of(), Map.of());
    }

    private static final Topics TOPICS = new Topics(List.of(
            topic("minors", 0.6, true, UnassessedAction.BLOCK),
            topic("sexual", 0.5, false, UnassessedAction.ALLOW),
            topic("violence", 0.4, false, UnassessedAction.BLOCK)), 0.1);

    /** An engine that answers fixed scores and counts its calls. */
    private record Fixed(String name, Map<String, Assessment> scores, AtomicInteger calls) implements ModerationEngine<String> {
        Fixed(String name, Map<String, Assessment> scores) {
            this(name, scores, new AtomicInteger());
        }

        @Override
        public Uni<EngineResult> assess(String input) {
            calls.incrementAndGet();
            return Uni.createFrom().item(new EngineResult(name, scores));
        }
    }

    private static ModerationMetrics metrics() throws Exception {
        Constructor<ModerationMetrics> constructor = ModerationMetrics.class.getDeclaredConstructor(
                io.micrometer.core.instrument.MeterRegistry.class);
        constructor.setAccessible(true);
        return constructor.newInstance(new SimpleMeterRegistry());
    }

    private static Verdict run(Kind kind, ModerationEngine<String>... engines) throws Exception {
        return new EngineChain<>(kind, List.of(engines), TOPICS, metrics()).moderate("input").await().indefinitely();
    }

    private static TopicResult topicOf(Verdict verdict, String name) {
        return verdict.topics().stream().filter(t -> t.topic().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void marginIsScoreMinusThresholdAndZeroMarginFlags() throws Exception {
        Verdict verdict = run(Kind.PROMPT, new Fixed("e", Map.of(
                "minors", Assessment.of(0.1), "sexual", Assessment.of(0.5), "violence", Assessment.of(0.39))));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("prompt_blocked");
        assertThat(verdict.categories()).containsExactly("sexual");
        assertThat(topicOf(verdict, "sexual").margin()).isZero();
        assertThat(topicOf(verdict, "sexual").flagged()).isTrue();
        assertThat(topicOf(verdict, "violence").margin()).isCloseTo(-0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(topicOf(verdict, "violence").flagged()).isFalse();
        assertThat(verdict.detail()).contains("sexual 0.50 ≥ 0.50 by e").doesNotContain("input");
    }

    @Test
    void aFiringSpecialCareTopicTightensEveryOtherThreshold() throws Exception {
        Map<String, Assessment> belowBase = Map.of("sexual", Assessment.of(0.45), "violence", Assessment.of(0.35));
        Verdict calm = run(Kind.PROMPT, new Fixed("e", withMinors(belowBase, 0.59)));
        Verdict special = run(Kind.PROMPT, new Fixed("e", withMinors(belowBase, 0.6)));

        assertThat(calm.allowed()).isTrue();
        assertThat(topicOf(calm, "sexual").threshold()).isEqualTo(0.5);
        assertThat(special.categories()).containsExactly("minors", "sexual", "violence");
        assertThat(topicOf(special, "minors").threshold()).isEqualTo(0.6);
        assertThat(topicOf(special, "sexual").threshold()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(topicOf(special, "violence").threshold()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static Map<String, Assessment> withMinors(Map<String, Assessment> others, double minors) {
        java.util.HashMap<String, Assessment> all = new java.util.HashMap<>(others);
        all.put("minors", Assessment.of(minors));
        return all;
    }

    @Test
    void anUnassessedTopicBlocksOnlyWhereItsActionIsBlock() throws Exception {
        Verdict onlySexualUnassessed = run(Kind.PROMPT, new Fixed("e", Map.of(
                "minors", Assessment.of(0), "violence", Assessment.of(0))));
        Verdict violenceUnassessed = run(Kind.PROMPT, new Fixed("e", Map.of(
                "minors", Assessment.of(0), "sexual", Assessment.of(0))));

        assertThat(onlySexualUnassessed.allowed()).isTrue();
        assertThat(topicOf(onlySexualUnassessed, "sexual").assessed()).isFalse();
        assertThat(topicOf(onlySexualUnassessed, "sexual").flagged()).isFalse();
        assertThat(violenceUnassessed.allowed()).isFalse();
        assertThat(violenceUnassessed.reason()).isEqualTo("prompt_unassessed");
        assertThat(violenceUnassessed.engine()).isEqualTo("policy");
        assertThat(violenceUnassessed.categories()).containsExactly("violence");
    }

    @Test
    void imagesUseTheImageUnassessedAction() throws Exception {
        Verdict verdict = run(Kind.IMAGE, new Fixed("classifier", Map.of("sexual", Assessment.of(0.1))));

        assertThat(verdict.allowed()).isTrue();
        assertThat(topicOf(verdict, "violence").assessed()).isFalse();
    }

    @Test
    void anotherEngineAssessingTheTopicSatisfiesTheUnassessedRule() throws Exception {
        Verdict verdict = run(Kind.PROMPT,
                new Fixed("lexicon", Map.of("minors", Assessment.of(0), "violence", Assessment.of(0))),
                new Fixed("embedding", Map.of()));

        assertThat(verdict.allowed()).isTrue();
        assertThat(topicOf(verdict, "violence").engine()).isEqualTo("lexicon");
        assertThat(verdict.engines()).extracting(EngineVerdict::engine).containsExactly("lexicon", "embedding");
    }

    @Test
    void theFirstFlagStopsTheChainAndNamesItsEngine() throws Exception {
        Fixed first = new Fixed("lexicon", Map.of("violence", Assessment.of(1)));
        Fixed second = new Fixed("llm", Map.of("violence", Assessment.of(0)));

        Verdict verdict = run(Kind.PROMPT, first, second);

        assertThat(verdict.engine()).isEqualTo("lexicon");
        assertThat(second.calls()).hasValue(0);
        assertThat(verdict.engines()).singleElement().satisfies(e -> assertThat(e.allowed()).isFalse());
    }

    @Test
    void combinedScoreIsTheHighestAssessedOne() throws Exception {
        Verdict verdict = run(Kind.PROMPT,
                new Fixed("a", Map.of("minors", Assessment.of(0.2), "violence", Assessment.of(0.1))),
                new Fixed("b", Map.of("minors", Assessment.of(0.3), "violence", Assessment.of(0.45))));

        assertThat(verdict.engine()).isEqualTo("b");
        assertThat(topicOf(verdict, "minors").score()).isEqualTo(0.3);
        assertThat(topicOf(verdict, "minors").engine()).isEqualTo("b");
    }

    @Test
    void aFailingEngineGivesNoVerdict() throws Exception {
        ModerationEngine<String> broken = new ModerationEngine<>() {
            @Override
            public String name() {
                return "llm";
            }

            @Override
            public Uni<EngineResult> assess(String input) {
                return Uni.createFrom().failure(new IllegalStateException("timeout"));
            }
        };

        assertThatThrownBy(() -> run(Kind.PROMPT, broken))
                .isInstanceOf(EngineFailedException.class)
                .satisfies(e -> assertThat(((EngineFailedException) e).engine()).isEqualTo("llm"));
    }

    @Test
    void scoresOutsideZeroToOneAndBadConfigurationAreRefused() {
        assertThatThrownBy(() -> new Assessment(true, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Assessment.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Assessment.of(1.2).score()).isEqualTo(1.0);
        assertThatThrownBy(() -> new Topics(List.of(), 0.1)).isInstanceOf(IllegalStateException.class);
    }
}
