package dev.heavyweight.bench;

import dev.heavyweight.testsupport.platform.GatewayClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Submits generations through the gateway the way apps do: many at once, or on an arrival schedule. */
public final class Submitter implements AutoCloseable {

    private final GatewayClient gateway;
    private final int steps;
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    public Submitter(GatewayClient gateway, int steps) {
        this.gateway = gateway;
        this.steps = steps;
    }

    /** Submits {@code count} tasks as fast as 16 clients can; returns their ids. */
    public List<String> burst(int count, String lane, String prompt) throws Exception {
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ids.add(senders.submit(() -> submit(lane, prompt + " #" + n)));
        }
        return collect(ids);
    }

    /**
     * Submits {@code count} tasks with exponentially distributed gaps (a Poisson process of {@code perSecond}),
     * starting after {@code delayMillis}; returns their ids once all are submitted.
     */
    public List<String> poisson(int count, double perSecond, long delayMillis, String lane, String prompt, long seed)
            throws Exception {
        Random random = new Random(seed);
        List<Future<String>> ids = new ArrayList<>();
        double at = delayMillis / 1000.0;
        for (int i = 0; i < count; i++) {
            at += -Math.log(1 - random.nextDouble()) / perSecond;
            int n = i;
            ids.add(clock.schedule(() -> senders.submit(() -> submit(lane, prompt + " #" + n)).get(),
                    Math.round(at * 1_000_000), TimeUnit.MICROSECONDS));
        }
        return collect(ids);
    }

    /** Submissions the gateway did not accept (they count as failures). */
    List<String> refused() {
        return refused;
    }

    private String submit(String lane, String prompt) {
        String body = "{\"prompt\":\"" + prompt + "\",\"width\":256,\"height\":256,\"steps\":" + steps
                + ",\"priority\":\"" + lane + "\"}";
        HttpResponse<String> response = gateway.submit(body);
        if (response.statusCode() != 202) {
            refused.add(response.statusCode() + " " + response.body());
            return null;
        }
        return GatewayClient.parse(response.body()).get("id").asText();
    }

    private static List<String> collect(List<Future<String>> futures) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Future<String> future : futures) {
            String id = future.get();
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        senders.shutdownNow();
    }
}
