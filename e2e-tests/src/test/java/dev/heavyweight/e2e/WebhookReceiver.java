package dev.heavyweight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.heavyweight.testsupport.platform.GatewayClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An app's webhook endpoint on loopback that checks each delivery the Standard Webhooks way (signature
 * over id.timestamp.body with the tenant's secret, timestamp within five minutes) and answers with the
 * status codes a test scripts (then 200).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as received, with the result of the checks. */
    record Delivery(String webhookId, long timestamp, boolean signatureValid, boolean timestampFresh, JsonNode body,
            int answered) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final List<Integer> script = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();

    WebhookReceiver(String whsecSecret) throws IOException {
        this.secret = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/generation";
    }

    /** The next deliveries get these status codes, in order; later ones get 200. */
    void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Every delivery fails with 503 until {@link #recover()}. */
    void failAll() {
        failing.set(1);
    }

    void recover() {
        failing.set(0);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        long ts = timestamp == null ? 0 : Long.parseLong(timestamp);
        boolean valid = id != null && timestamp != null && signatures != null && signed(id, timestamp, body, signatures);
        boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - ts) <= 300;
        int status = failing.get() == 1 ? 503 : script.isEmpty() ? 200 : script.remove(0);
        deliveries.add(new Delivery(id, ts, valid, fresh, GatewayClient.parse(new String(body, StandardCharsets.UTF_8)),
                status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean signed(String id, String timestamp, byte[] body, String signatures) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
