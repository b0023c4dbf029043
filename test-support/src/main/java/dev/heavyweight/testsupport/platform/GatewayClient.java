package dev.heavyweight.testsupport.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;

/** What an app developer does with the gateway, over plain HTTP, with one bearer token on every call. */
public final class GatewayClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_STATUSES = Set.of("succeeded", "failed");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;
    private final String token;

    public GatewayClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    public HttpResponse<String> submit(String json) {
        return send(request("/v1/generations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits with an {@code Idempotency-Key}. */
    public HttpResponse<String> submit(String json, String idempotencyKey) {
        return send(request("/v1/generations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body (or none when null) to a gateway path. */
    public HttpResponse<String> post(String path, String json) {
        HttpRequest.Builder builder = request(path);
        if (json == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to a gateway path that carries the token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    /** Sends any request with this client's HTTP client. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits and returns the new task's id, asserting the 202 contract on the way. */
    public String submitAccepted(String json) {
        HttpResponse<String> response = submit(json);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).get("id").asText();
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode status(String id) {
        HttpResponse<String> response = get("/v1/generations/" + id);
        if (response.statusCode() != 200) {
            throw new AssertionError("status of " + id + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    /** Polls the status document until the task has ended. */
    public JsonNode awaitFinal(String id, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = status(id);
            return FINAL_STATUSES.contains(last[0].get("status").asText());
        });
        return last[0];
    }

    /** The image endpoint's own answer (a redirect or the bytes), redirects not followed. */
    public HttpResponse<byte[]> imageResponse(String id) {
        return send(request("/v1/generations/" + id + "/image").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Downloads the PNG the way a browser would: following the gateway's redirect if it sends one. */
    public byte[] downloadImage(String id) {
        HttpResponse<byte[]> response = imageResponse(id);
        if (response.statusCode() == 302) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = send(HttpRequest.newBuilder(URI.create(baseUrl).resolve(location)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("image download answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
