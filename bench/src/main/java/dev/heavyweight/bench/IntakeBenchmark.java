package dev.heavyweight.bench;

import static dev.heavyweight.bench.Options.intOption;
import static dev.heavyweight.bench.Options.stringOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.heavyweight.testsupport.ServiceProcess;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake through the whole co-located platform with no worker (so only intake counts): {@code wrk} POSTs one
 * body to {@code /v1/generations} with a tenant whose tier has no limit, at several connection counts side by
 * side; only 202s count as accepted. After each variant it measures how long the pipeline needs, after the
 * last 202, until every accepted task is QUEUED (moderated and its job confirmed by the broker), and before
 * the load it reads each service's idle RSS. Usage: {@code bench/intake/run [--duration 15] [--connections 8,32,64]}.
 */
public final class IntakeBenchmark {

    private static final Pattern FIGURES = Pattern.compile(
            "HW accepted=(\\d+) other=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)");
    private static final String BODY = "{\"prompt\":\"a lighthouse on a cliff at dawn, oil painting\","
            + "\"width\":512,\"height\":512,\"steps\":20,\"priority\":\"interactive\"}";

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int duration = intOption(args, "--duration", 15);
        List<Integer> connections = new ArrayList<>();
        for (String c : stringOption(args, "--connections", "8,32,64").split(",")) {
            connections.add(Integer.parseInt(c.trim()));
        }
        Path outDir = Path.of(stringOption(args, "--out", "bench/results"));
        Path work = Files.createDirectories(Path.of("bench/target/intake"));
        Path script = work.resolve("submit.lua");
        Files.writeString(script, luaScript());
        Map<String, Object> results = new LinkedHashMap<>();
        // One worker starts (it creates the results bucket the gateway's readiness asks for), then is stopped:
        // jobs pile up in the lanes and only intake, moderation and publishing are measured.
        try (Platform platform = Platform.builder("bench-intake").nodes(1).workers(1).start()) {
            platform.process(Platform.worker(1)).stop(Duration.ofSeconds(10));
            Thread.sleep(5_000);
            Map<String, Long> rss = new LinkedHashMap<>();
            for (ServiceProcess process : platform.processes()) {
                if (process.isAlive()) {
                    rss.put(process.name(), rssMb(process.pid()));
                }
            }
            results.put("idle_rss_mb", rss);
            String url = platform.gatewayUrl() + "/v1/generations";
            String token = platform.gateway().token();
            wrk(script, url, token, 8, 5);   // warm-up: JIT, pools
            awaitAllQueued(Duration.ofMinutes(5));
            Map<String, Object> variants = new LinkedHashMap<>();
            for (int c : connections) {
                long before = tasks();
                Map<String, Double> cpuBefore = cpuSeconds(platform);
                Map<String, Double> figures = wrk(script, url, token, c, duration);
                Instant last202 = Instant.now();
                double drain = awaitAllQueued(Duration.ofMinutes(10)).toMillis() / 1000.0;
                figures.put("queued_within_s_of_last_202", drain);
                figures.put("tasks_stored", (double) (tasks() - before));
                // CPU each service spent per accepted task, intake and the relay's moderation and publish included.
                Map<String, Double> cpuAfter = cpuSeconds(platform);
                cpuAfter.forEach((name, seconds) -> figures.put("cpu_ms_per_task." + name,
                        1000 * (seconds - cpuBefore.getOrDefault(name, 0.0)) / Math.max(1, figures.get("tasks_stored"))));
                variants.put("c=" + c, figures);
                System.out.printf("c=%d: %.0f accepted/s, p99 %.1f ms, all queued %.1f s after the last 202 (%s)%n", c,
                        figures.get("accepted_per_s"), figures.get("p99_ms"), drain, last202);
            }
            results.put("variants", variants);
        }
        results.put("duration_s", duration);
        results.put("body", BODY);
        print(results);
        Files.createDirectories(outDir);
        Path out = outDir.resolve("intake-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.println("results written to " + out);
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> results) {
        StringBuilder table = new StringBuilder("\n| wrk (2 threads), POST /v1/generations, no worker | accepted/s | other | p50 ms | p90 ms | p99 ms | max ms | all QUEUED after last 202, s |\n|---|---|---|---|---|---|---|---|\n");
        ((Map<String, Map<String, Double>>) results.get("variants")).forEach((name, f) -> table.append(String.format(
                "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", name, f.get("accepted_per_s"), f.get("other"),
                f.get("p50_ms"), f.get("p90_ms"), f.get("p99_ms"), f.get("max_ms"), f.get("queued_within_s_of_last_202"))));
        table.append("\n| CPU ms per accepted task |");
        Map<String, Map<String, Double>> variants = (Map<String, Map<String, Double>>) results.get("variants");
        variants.keySet().forEach(name -> table.append(' ').append(name).append(" |"));
        table.append("\n|---|").append("---|".repeat(variants.size())).append('\n');
        variants.values().iterator().next().keySet().stream().filter(k -> k.startsWith("cpu_ms_per_task.")).forEach(k -> {
            table.append("| ").append(k.substring("cpu_ms_per_task.".length())).append(" |");
            variants.values().forEach(f -> table.append(String.format(" %.1f |", f.get(k))));
            table.append('\n');
        });
        table.append("\n| service | idle RSS MB |\n|---|---|\n");
        ((Map<String, Long>) results.get("idle_rss_mb")).forEach((name, mb) -> table.append("| ").append(name)
                .append(" | ").append(mb).append(" |\n"));
        System.out.println(table);
    }

    private static Map<String, Double> wrk(Path script, String url, String token, int connections, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true);
        // The token travels in the environment, never on a command line other users can read.
        builder.environment().put("HEAVYWEIGHT_TOKEN", token);
        Process process = builder.start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher m = FIGURES.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no figures:\n" + output);
        }
        double durationS = Long.parseLong(m.group(3)) / 1e6;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("connections", (double) connections);
        figures.put("accepted", Double.parseDouble(m.group(1)));
        figures.put("other", Double.parseDouble(m.group(2)));
        figures.put("accepted_per_s", Double.parseDouble(m.group(1)) / durationS);
        figures.put("p50_ms", Long.parseLong(m.group(4)) / 1000.0);
        figures.put("p90_ms", Long.parseLong(m.group(5)) / 1000.0);
        figures.put("p99_ms", Long.parseLong(m.group(6)) / 1000.0);
        figures.put("max_ms", Long.parseLong(m.group(7)) / 1000.0);
        return figures;
    }

    /** Waits until no task is ACCEPTED any more (each is QUEUED or ended); returns how long that took. */
    private static Duration awaitAllQueued(Duration timeout) throws Exception {
        Instant start = Instant.now();
        while (count("SELECT count(*) FROM tasks WHERE state = 'ACCEPTED'") > 0
                || count("SELECT count(*) FROM outbox WHERE kind IN ('admit', 'publish')") > 0) {
            if (Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
                throw new IllegalStateException("tasks still waiting for moderation or their job after " + timeout);
            }
            Thread.sleep(100);
        }
        return Duration.between(start, Instant.now());
    }

    private static long tasks() throws Exception {
        return count("SELECT count(*) FROM tasks");
    }

    private static long count(String sql) throws Exception {
        try (Connection db = Infrastructure.database(Platform.DATABASE); Statement st = db.createStatement();
                ResultSet rows = st.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** User plus system CPU seconds of every running service process, from /proc/<pid>/stat. */
    private static Map<String, Double> cpuSeconds(Platform platform) throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (ServiceProcess process : platform.processes()) {
            if (process.isAlive()) {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After the command: state is field 3 of stat, utime and stime are 14 and 15 (1-based).
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                cpu.put(process.name(), ticks / 100.0);
            }
        }
        return cpu;
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String luaScript() {
        return """
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args)
                  accepted = 0
                  other = 0
                  wrk.method = "POST"
                  wrk.headers["Content-Type"] = "application/json"
                  wrk.headers["Authorization"] = "Bearer " .. os.getenv("HEAVYWEIGHT_TOKEN")
                  wrk.body = '%s'
                end
                function response(status, headers, body)
                  if status == 202 then accepted = accepted + 1 else other = other + 1 end
                end
                function done(summary, latency, requests)
                  local a, o = 0, 0
                  for _, t in ipairs(threads) do a = a + t:get("accepted"); o = o + t:get("other") end
                  io.write(string.format("HW accepted=%%d other=%%d duration_us=%%d p50_us=%%d p90_us=%%d p99_us=%%d max_us=%%d\\n",
                    a, o, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
                end
                """.formatted(BODY);
    }
}
