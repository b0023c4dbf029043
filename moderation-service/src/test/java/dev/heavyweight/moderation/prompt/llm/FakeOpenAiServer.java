package dev.heavyweight.moderation.prompt.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local OpenAI-compatible {@code /v1/chat/completions} whose answer each test sets. */
final class FakeOpenAiServer {

    /** What the next completion answers. */
    record Reply(int status, String content, long delayMillis) {
        static Reply content(String content) {
            return new Reply(200, content, 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Reply reply = Reply.content("{}");
    private HttpServer server;

    FakeOpenAiServer(int port) {
        this.port = port;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    void reply(Reply next) {
        reply = next;
    }

    List<String> requests() {
        return requests;
    }

    private void complete(HttpExchange exchange) throws IOException {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply current = reply;
        try {
            Thread.sleep(current.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = current.status() == 200
                ? JSON.writeValueAsBytes(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1,
                        "model", "gpt-4o-mini",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", current.content()))),
                        "usage", Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)))
                : "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(current.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // the engine timed out and hung up first
        } finally {
            exchange.close();
        }
    }
}
