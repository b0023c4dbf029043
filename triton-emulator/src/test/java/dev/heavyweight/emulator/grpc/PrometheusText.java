package dev.heavyweight.emulator.grpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A scrape of Prometheus text, parsed into samples the way a scraper reads them. */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\",?");

    private final List<Sample> samples;
    private final String text;

    private PrometheusText(String text) {
        this.text = text;
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = LINE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            parsed.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        samples = List.copyOf(parsed);
    }

    /** Scrapes {@code /nodes/{index}/metrics} on the emulator's HTTP port. */
    static PrometheusText node(int index) {
        return new PrometheusText(given().get("/nodes/" + index + "/metrics").then().statusCode(200)
                .extract().asString());
    }

    static PrometheusText of(String text) {
        return new PrometheusText(text);
    }

    List<Sample> samples() {
        return samples;
    }

    String text() {
        return text;
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one sample of " + name + " with " + labels + ", found " + matching);
        }
        return matching.get(0).value();
    }

    double value(String name) {
        return value(name, Map.of());
    }
}
