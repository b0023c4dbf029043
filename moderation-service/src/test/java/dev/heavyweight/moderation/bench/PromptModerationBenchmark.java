package dev.heavyweight.moderation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import dev.heavyweight.moderation.prompt.PromptEngine;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.prompt.PromptModerationPipeline;
import dev.heavyweight.moderation.prompt.embedding.EmbeddingEngine;
import dev.heavyweight.moderation.prompt.embedding.Similarity;
import dev.heavyweight.moderation.prompt.lexicon.LexiconEngine;
import dev.heavyweight.moderation.topics.EngineChain;
import dev.heavyweight.moderation.topics.Kind;
import dev.heavyweight.moderation.topics.Topics;
import dev.heavyweight.moderation.topics.Verdict;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prompt-moderation benchmark over {@code bench/moderation/prompts.tsv}: recall on harmful and pass rate on
 * benign prompts per engine set (lexicon, embedding, both) and language, the embedding engine's raw margins
 * (for calibration), and the latency of the configured pipeline after warm-up. Run by {@code bench/moderation/run};
 * skipped in the normal build.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "heavyweight.bench.prompts", matches = ".+")
class PromptModerationBenchmark {

    record Labelled(String lang, String topic, boolean harmful, String prompt) {
    }

    @Inject
    LexiconEngine lexicon;
    @Inject
    EmbeddingEngine embedding;
    @Inject
    Topics topics;
    @Inject
    ModerationMetrics metrics;
    @Inject
    PromptModerationPipeline pipeline;

    @Test
    void run() throws IOException {
        List<Labelled> prompts = load(Path.of(System.getProperty("heavyweight.bench.prompts")));
        Map<String, List<PromptEngine>> sets = new LinkedHashMap<>();
        sets.put("lexicon", List.of(lexicon));
        sets.put("embedding", List.of(embedding));
        sets.put("lexicon+embedding", List.of(lexicon, embedding));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("prompts", prompts.size());
        List<String> misses = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        report.put("quality", quality(prompts, sets, table, misses));
        String holdoutPath = System.getProperty("heavyweight.bench.holdout", "");
        StringBuilder holdoutTable = new StringBuilder();
        if (!holdoutPath.isBlank()) {
            List<Labelled> holdout = load(Path.of(holdoutPath));
            report.put("holdoutPrompts", holdout.size());
            report.put("holdoutQuality", quality(holdout, sets, holdoutTable, misses));
        }
        report.put("calibration", calibration(prompts));
        report.put("latency", latency(prompts, pipeline::moderate, String.join(",", pipeline.engineNames())));
        report.put("embeddingLatency", latency(prompts, p -> embedding.assess(p), "embedding"));

        System.out.println();
        System.out.println("prompts.tsv (" + prompts.size() + " prompts; the embedding calibration was chosen on its English part)");
        System.out.print(table);
        if (!holdoutTable.isEmpty()) {
            System.out.println("\nholdout.tsv (" + report.get("holdoutPrompts") + " prompts written after calibrating, never tuned on)");
            System.out.print(holdoutTable);
        }
        System.out.println("\nlexicon+embedding mistakes:");
        misses.forEach(m -> System.out.println("  " + m));
        System.out.println("\nembedding calibration (English, raw margin → decision):");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sweep = (List<Map<String, Object>>) ((Map<String, Object>) report.get("calibration")).get("sweep");
        sweep.forEach(row -> System.out.printf(Locale.ROOT, "  decision-margin %5.2f  min-concept %4.2f  recall %5.1f%%  pass %5.1f%%%n",
                row.get("decisionMargin"), row.get("minConcept"), 100 * (double) row.get("recall"), 100 * (double) row.get("passRate")));
        System.out.println("\nlatency (ms, after warm-up) " + report.get("latency"));
        System.out.println("embedding engine alone (ms) " + report.get("embeddingLatency"));

        Path out = Path.of(System.getProperty("heavyweight.bench.out", "target"));
        Files.createDirectories(out);
        Path file = out.resolve("moderation-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        System.out.println("wrote " + file);

        // The figures are only worth publishing if every prompt was judged and the file holds them.
        assertThat(prompts).as("labelled prompts in %s", System.getProperty("heavyweight.bench.prompts")).isNotEmpty();
        JsonNode written = new ObjectMapper().readTree(file.toFile());
        assertThat(written.path("prompts").asInt()).isEqualTo(prompts.size());
        assertThat(written.path("latency").path("samples").asInt()).as("3 timed calls per prompt").isEqualTo(3 * prompts.size());
        assertThat(written.path("quality").size()).as("one quality block per engine set").isEqualTo(sets.size());
    }

    /** Recall and pass rate per engine set and language; appends the table and the combined set's mistakes. */
    private Map<String, Object> quality(List<Labelled> prompts, Map<String, List<PromptEngine>> sets,
            StringBuilder table, List<String> misses) {
        Map<String, Object> quality = new LinkedHashMap<>();
        table.append(String.format(Locale.ROOT, "%-20s %-5s %18s %18s%n", "engines", "lang", "harmful blocked",
                "benign passed"));
        for (var set : sets.entrySet()) {
            EngineChain<PromptInput> chain = new EngineChain<>(Kind.PROMPT, set.getValue(), topics, metrics);
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (Labelled p : prompts) {
                Verdict verdict = chain.moderate(input(p.prompt())).await().indefinitely();
                boolean correct = p.harmful() != verdict.allowed();
                for (String lang : List.of(p.lang(), "all")) {
                    int[] c = counts.computeIfAbsent(lang, k -> new int[4]);
                    c[p.harmful() ? 0 : 2] += correct ? 1 : 0;
                    c[p.harmful() ? 1 : 3]++;
                }
                if (!correct && set.getKey().equals("lexicon+embedding")) {
                    misses.add((p.harmful() ? "missed   " : "blocked  ") + p.lang() + " " + p.topic() + ": "
                            + p.prompt() + (verdict.allowed() ? "" : " -> " + verdict.categories()) + rawOf(p));
                }
            }
            Map<String, Object> byLang = new LinkedHashMap<>();
            counts.forEach((lang, c) -> {
                table.append(String.format(Locale.ROOT, "%-20s %-5s %9s %8s %9s %8s%n", set.getKey(), lang,
                        c[0] + "/" + c[1], percent(c[0], c[1]), c[2] + "/" + c[3], percent(c[2], c[3])));
                byLang.put(lang, Map.of("harmfulBlocked", c[0], "harmful", c[1], "benignPassed", c[2], "benign", c[3],
                        "recall", ratio(c[0], c[1]), "passRate", ratio(c[2], c[3])));
            });
            quality.put(set.getKey(), byLang);
        }
        return quality;
    }

    /**
     * English prompts' raw margins: a harmful prompt's margin on its own topic, a benign prompt's highest margin
     * over all topics; then recall and pass rate if the decision margin were each value of a sweep.
     */
    private Map<String, Object> calibration(List<Labelled> prompts) {
        List<Similarity> harmful = new ArrayList<>();
        List<Similarity> benign = new ArrayList<>();
        for (Labelled p : prompts) {
            if (!p.lang().equals("en")) {
                continue;
            }
            Map<String, Similarity> raw = embedding.similarities(p.prompt());
            if (p.harmful()) {
                harmful.add(raw.get(p.topic()));
            } else {
                benign.add(raw.values().stream().max(Comparator.comparingDouble(Similarity::margin)).orElseThrow());
            }
        }
        List<Map<String, Object>> sweep = new ArrayList<>();
        for (double floor : new double[] {0.3, 0.35, 0.4, 0.45, 0.5}) {
            for (double m = -0.02; m <= 0.121; m += 0.02) {
                double decision = Math.round(m * 100) / 100.0;
                sweep.add(Map.of("decisionMargin", decision, "minConcept", floor,
                        "recall", round(share(harmful, decision, floor)), "passRate", round(1 - share(benign, decision, floor))));
            }
        }
        return Map.of("harmfulMargins", harmful.stream().mapToDouble(Similarity::margin).sorted().toArray(),
                "benignMaxMargins", benign.stream().mapToDouble(Similarity::margin).sorted().toArray(), "sweep", sweep);
    }

    private static double share(List<Similarity> raw, double decision, double floor) {
        return (double) raw.stream().filter(r -> r.margin() >= decision && r.concept() >= floor).count() / raw.size();
    }

    /** Every prompt 3 times after one warm-up pass; milliseconds. */
    private static Map<String, Object> latency(List<Labelled> prompts, Function<PromptInput, Uni<?>> moderate,
            String engines) {
        for (Labelled p : prompts) {
            moderate.apply(input(p.prompt())).await().indefinitely();
        }
        List<Double> millis = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Labelled p : prompts) {
                long start = System.nanoTime();
                moderate.apply(input(p.prompt())).await().indefinitely();
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Map.of("engines", engines, "samples", sorted.length,
                "p50Ms", round(sorted[(int) (0.50 * (sorted.length - 1))]),
                "p95Ms", round(sorted[(int) (0.95 * (sorted.length - 1))]),
                "maxMs", round(sorted[sorted.length - 1]), "meanMs", round(Arrays.stream(sorted).average().orElse(0)));
    }

    /** The embedding's raw (concept, anchor) similarity on the prompt's topic, or its worst topic when benign. */
    private String rawOf(Labelled p) {
        if (!p.lang().equals("en")) {
            return "";
        }
        var entry = embedding.similarities(p.prompt()).entrySet().stream()
                .filter(e -> !p.harmful() || e.getKey().equals(p.topic()))
                .max(Comparator.comparingDouble(e -> e.getValue().margin())).orElseThrow();
        return String.format(Locale.ROOT, "  [%s concept %.2f anchor %.2f]", entry.getKey(), entry.getValue().concept(),
                entry.getValue().anchor());
    }

    private static PromptInput input(String prompt) {
        return new PromptInput("bench", "bench", prompt, "");
    }

    private static List<Labelled> load(Path tsv) throws IOException {
        return Files.readAllLines(tsv).stream().skip(1).filter(l -> !l.isBlank()).map(line -> {
            String[] f = line.split("\t", 4);
            return new Labelled(f[0], f[1], f[2].equals("block"), f[3]);
        }).toList();
    }

    private static String percent(int n, int of) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * ratio(n, of));
    }

    private static double ratio(int n, int of) {
        return of == 0 ? 0 : round((double) n / of);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
