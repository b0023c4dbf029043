package dev.heavyweight.task;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single values from the service's Prometheus endpoint. */
final class Metrics {

    private Metrics() {
    }

    /** The value of a sample such as {@code heavyweight_task_events_ignored_total{reason="unknown_task"}}, 0 when absent. */
    static double value(String name, String tag, String tagValue) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(tag + "=\"" + tagValue + "\"")
                + "[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    static double ignoredEvents(String reason) {
        return value("heavyweight_task_events_ignored_total", "reason", reason);
    }
}
