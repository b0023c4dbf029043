package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.TestTokens;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After tasks ran through the whole suite (two lanes, a blocked prompt, a download, a rating), every metric and
 * tag docs/metrics.md lists is on its service's /q/metrics, the stage histogram's buckets counted the tasks, and
 * the admin economics report prices the images from the fleet's ledger. The scraped text is written to
 * {@code target/metrics-dump/<service>.txt} for {@code k8s/monitoring/check --metrics-dir}.
 */
@ExtendWith(PlatformExtension.class)
class MetricsIT {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final Pattern ROW = Pattern.compile("^\\| `(heavyweight_[a-z0-9_]+)` \\| [a-z]+ \\| ([a-z_, ]*) \\|");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Platform platform;
    private static GatewayClient gateway;
    private static final List<String> succeeded = new ArrayList<>();
    private static Instant started;

    @BeforeAll
    static void runTasks(Platform started_) throws Exception {
        platform = started_;
        gateway = platform.gateway();
        started = Instant.now().minusSeconds(5);
        List<String> ids = new ArrayList<>();
        for (String lane : List.of("interactive", "batch", "interactive", "batch")) {
            ids.add(gateway.submitAccepted("""
                    {"prompt":"a windmill in a tulip field","width":256,"height":256,"steps":10,"priority":"%s"}"""
                    .formatted(lane)));
        }
        String blocked = gateway.submitAccepted("""
                {"prompt":"a M.U.R.D.E.R scene, the neighbour's dog in a bloodbath"}""");
        for (String id : ids) {
            JsonNode done = gateway.awaitFinal(id, FINISH);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
            succeeded.add(id);
        }
        assertThat(gateway.awaitFinal(blocked, FINISH).get("reason").asText()).isEqualTo("prompt_blocked");
        gateway.downloadImage(ids.get(0));
        HttpResponse<String> feedback = gateway.post("/v1/generations/" + ids.get(1) + "/feedback", """
                {"rating":4}""");
        assertThat(feedback.statusCode()).as(feedback.body()).isBetween(200, 299);
    }

    @Test
    void everyDocumentedMetricAndTagIsExportedByItsService() throws Exception {
        Map<String, Map<String, Set<String>>> documented = documented();
        assertThat(documented.keySet()).contains("task-service", "inference-worker", "balancer", "moderation-service",
                "gateway-service", "triton-emulator");
        Path dump = Path.of("target/metrics-dump");
        Files.createDirectories(dump);
        // Cost accounting runs every second and task-service collects it every second: wait for the first rows.
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape("task-service").contains("heavyweight_fleet_cost_total"));
        List<String> missing = new ArrayList<>();
        for (var service : documented.entrySet()) {
            String text = scrape(service.getKey());
            Files.writeString(dump.resolve(service.getKey() + ".txt"), text);
            Map<String, Set<String>> exported = families(text);
            for (var metric : service.getValue().entrySet()) {
                Set<String> labels = exported.get(metric.getKey());
                if (labels == null) {
                    missing.add(service.getKey() + ": " + metric.getKey());
                } else if (!labels.containsAll(metric.getValue())) {
                    missing.add(service.getKey() + ": " + metric.getKey() + " lacks tags "
                            + metric.getValue().stream().filter(t -> !labels.contains(t)).toList());
                }
            }
        }
        assertThat(missing).as("documented in docs/metrics.md but not exported").isEmpty();
    }

    @Test
    void theStageHistogramBucketsCountTheTasks() throws Exception {
        String text = scrape("task-service");
        double total = sum(text, "heavyweight_task_stage_seconds_count", "stage=\"total\"");
        double inf = sum(text, "heavyweight_task_stage_seconds_bucket", "stage=\"total\"", "le=\"+Inf\"");
        double tenMinutes = sum(text, "heavyweight_task_stage_seconds_bucket", "stage=\"total\"", "le=\"600.0\"");
        double fiveMs = sum(text, "heavyweight_task_stage_seconds_bucket", "stage=\"total\"", "le=\"0.005\"");
        assertThat(total).isGreaterThanOrEqualTo(succeeded.size());
        assertThat(inf).isEqualTo(total);
        assertThat(tenMinutes).as("every task took under 10 minutes").isEqualTo(total);
        assertThat(fiveMs).as("no task went through the GPU in 5 ms").isZero();
        assertThat(sum(text, "heavyweight_task_stage_seconds_count", "stage=\"inference\"", "lane=\"batch\"")).isPositive();
        assertThat(sum(text, "heavyweight_task_errors_total", "stage=\"moderation\"", "reason=\"prompt_blocked\"")).isPositive();
        assertThat(sum(text, "heavyweight_task_accepted_total")).isPositive();
        assertThat(sum(text, "heavyweight_task_rating_sum")).isGreaterThanOrEqualTo(4);
        String moderation = scrape(Platform.MODERATION);
        assertThat(sum(scrape("inference-worker"), "heavyweight_task_stage_seconds_count", "stage=\"inference\""))
                .as("the workers' own inference series").isGreaterThanOrEqualTo(succeeded.size());
        assertThat(sum(moderation, "heavyweight_moderation_verdicts_total", "outcome=\"blocked\"")).isPositive();
    }

    @Test
    void theEconomicsReportPricesTheImagesFromTheFleetLedger() throws Exception {
        GatewayClient admin = new GatewayClient(gateway.baseUrl(), TestTokens.admin(Platform.TENANT, "ops"));
        String window = "?from=" + started + "&to=" + Instant.now().plusSeconds(5);
        JsonNode report = await().atMost(Duration.ofSeconds(30)).until(
                () -> GatewayClient.parse(admin.get("/v1/admin/economics" + window).body()),
                r -> r.path("cost").asDouble() > 0 && r.path("images").asLong() >= succeeded.size());
        assertThat(report.get("currency").asText()).isEqualTo("USD");
        assertThat(report.get("cost_per_image").asDouble()).isPositive();
        assertThat(report.get("kcal_per_image").asDouble()).isPositive();
        assertThat(report.get("gpu_hours").asDouble()).as("GPU time the balancer reported per task").isPositive();
        assertThat(report.get("utilisation").asDouble()).isBetween(0.0, 1.0);
        JsonNode nodeClass = report.get("by_node_class").get(0);
        assertThat(nodeClass.get("node_class").asText()).isEqualTo("emulated-gpu");
        assertThat(nodeClass.get("nodes").asInt()).isPositive();
        assertThat(report.get("quality")).isNotEmpty();

        assertThat(gateway.get("/v1/admin/economics" + window).statusCode()).as("a user token").isEqualTo(403);
        HttpResponse<String> bad = admin.get("/v1/admin/economics?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(bad.body()).contains("from");
    }

    /** service → metric → tags, from the tables of docs/metrics.md under "## <service>". */
    static Map<String, Map<String, Set<String>>> documented() throws IOException {
        Map<String, Map<String, Set<String>>> services = new LinkedHashMap<>();
        String section = null;
        for (String line : Files.readAllLines(Path.of("../docs/metrics.md"))) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.find() && section != null) {
                Set<String> tags = new LinkedHashSet<>();
                for (String tag : row.group(2).split(",")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.trim());
                    }
                }
                services.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(row.group(1), tags);
            }
        }
        return services;
    }

    /** Metric family (without _total/_bucket/_count/_sum/_max) → every label seen on its samples. */
    static Map<String, Set<String>> families(String text) {
        Map<String, Set<String>> families = new LinkedHashMap<>();
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String line : text.split("\n")) {
            Matcher m = sample.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            if (m.group(3) != null) {
                Matcher l = label.matcher(m.group(3));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
            labels.remove("le");
            String name = m.group(1);
            families.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(labels);
            for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_max")) {
                if (name.endsWith(suffix)) {
                    families.computeIfAbsent(name.substring(0, name.length() - suffix.length()), n -> new LinkedHashSet<>())
                            .addAll(labels);
                }
            }
        }
        return families;
    }

    private static double sum(String text, String name, String... fragments) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String fragment : fragments) {
                all &= line.contains(fragment);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * The Prometheus text of every process of {@code service} (all replicas: a counter may move on either), one
     * after the other, as Prometheus would hold them as separate series.
     */
    private static String scrape(String service) throws Exception {
        StringBuilder text = new StringBuilder();
        for (var process : platform.processes()) {
            String name = process.name();
            if (!name.equals(service) && !name.matches(Pattern.quote(service) + "-[0-9]+")) {
                continue;
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl(name) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            text.append(response.body()).append('\n');
        }
        assertThat(text).as("processes of " + service).isNotEmpty();
        return text.toString();
    }
}
