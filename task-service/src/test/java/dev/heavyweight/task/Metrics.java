package dev.heavyweight.task;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single values from the service's Prometheus endpoint. */
final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ([0-9.eE+-]+|NaN)$");

    private Metrics() {
    }

    /**
     * The sum of the samples named {@code name} whose tags include the given ones (alternating tag and
     * value, e.g. {@code "kind", "admit", "outcome", "failed"}), 0 when there is none.
     */
    static double value(String name, String... tags) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            Matcher matcher = SAMPLE.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(name) && hasTags(matcher.group(3), tags)) {
                sum += Double.parseDouble(matcher.group(4));
            }
        }
        return sum;
    }

    static double ignoredEvents(String reason) {
        return value("heavyweight_task_events_ignored_total", "reason", reason);
    }

    static double outboxAttempts(String kind, String outcome) {
        return value("heavyweight_outbox_attempts_total", "kind", kind, "outcome", outcome);
    }

    private static boolean hasTags(String labels, String... tags) {
        String present = labels == null ? "" : "," + labels + ",";
        for (int i = 0; i < tags.length; i += 2) {
            if (!present.contains("," + tags[i] + "=\"" + tags[i + 1] + "\",")) {
                return false;
            }
        }
        return true;
    }
}
