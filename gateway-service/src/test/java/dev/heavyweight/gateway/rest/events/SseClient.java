package dev.heavyweight.gateway.rest.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Server-Sent Events client over java.net.http: reads the stream on a thread of its own and
 * parses it by the EventSource rules (id, event, data lines; a blank line ends an event; ':' lines are comments).
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    record Event(String id, String name, String data) {
    }

    /** A comment line, without the leading colon. */
    record Comment(String text) {
    }

    private static final Object END = new Object();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final List<Comment> comments = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(URI url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event; fails when the stream ends or none comes within a generous wait. */
    Event next() throws InterruptedException {
        while (true) {
            Object item = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            if (item == END) {
                received.add(END);
                throw new AssertionError("the stream ended before the next event");
            }
            if (item instanceof Event event) {
                return event;
            }
        }
    }

    /** Waits for the server to end the stream; fails if an event comes first. */
    void awaitEnd() throws InterruptedException {
        while (true) {
            Object item = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("the stream did not end within " + WAIT);
            }
            if (item == END) {
                received.add(END);
                return;
            }
            if (item instanceof Event event) {
                throw new AssertionError("expected the end of the stream, got " + event);
            }
        }
    }

    synchronized List<Comment> comments() {
        return List.copyOf(comments);
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing is all we want
        }
        reader.interrupt();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    Comment comment = new Comment(line.substring(1).strip());
                    synchronized (this) {
                        comments.add(comment);
                    }
                    received.add(comment);
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields do not matter here
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test
        } finally {
            ended = true;
            received.add(END);
        }
    }
}
