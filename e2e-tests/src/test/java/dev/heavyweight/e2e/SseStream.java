package dev.heavyweight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client over java.net.http, reading a whole stream as a browser's EventSource would. */
final class SseStream {

    /** One event: its id, name and data (JSON), and the comment lines seen before it. */
    record Event(String id, String name, JsonNode data) {
    }

    /** What a stream delivered before the server closed it. */
    record Received(int status, String contentType, List<Event> events, int comments, List<String> otherLines) {

        List<String> states() {
            return events.stream().map(e -> e.data().get("state").asText()).toList();
        }
    }

    private SseStream() {
    }

    /** Opens the stream and reads it until the server ends it (or fails after {@code timeout}). */
    static Received read(GatewayClient gateway, String id, String lastEventId, Duration timeout) throws Exception {
        return open(gateway, id, lastEventId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reading at once and completes when the server ends the stream. */
    static CompletableFuture<Received> open(GatewayClient gateway, String id, String lastEventId) {
        HttpRequest.Builder request = gateway.request("/v1/generations/" + id + "/events")
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return CompletableFuture.supplyAsync(() -> {
            HttpResponse<Stream<String>> response = gateway.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
            String type = response.headers().firstValue("Content-Type").orElse("");
            List<Event> events = new ArrayList<>();
            int comments = 0;
            List<String> other = new ArrayList<>();
            String eventId = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(eventId, name, GatewayClient.parse(data.toString())));
                        }
                        eventId = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments++;
                    } else if (line.startsWith("id:")) {
                        eventId = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else {
                        other.add(line);
                    }
                }
            }
            return new Received(response.statusCode(), type, events, comments, other);
        });
    }
}
