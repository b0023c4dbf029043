package dev.heavyweight.task.economics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Copies the balancer's cost ledger ({@code GET /v1/usage}) into {@code node_usage}, page by page. Rows are keyed
 * by (balancer, seq, node) and inserted with {@code ON CONFLICT DO NOTHING}, so several task-service replicas
 * collecting the same ledger store each interval once, and only the replica whose insert landed counts it in
 * {@code heavyweight_fleet_cost_total} and {@code heavyweight_fleet_energy_joules_total}.
 */
@ApplicationScoped
public class UsageCollector {

    private static final Logger LOG = Logger.getLogger(UsageCollector.class);
    private static final int PAGE = 1000;
    private static final String INSERT = """
            INSERT INTO node_usage (balancer, seq, node, node_class, period_start, period_end, gpus, busy_seconds,
                                    energy_joules, energy_source, cost)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT DO NOTHING RETURNING node_class, energy_joules, cost""";

    private final EconomicsConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http;
    private final ConcurrentHashMap<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String currentBalancer;
    private long timer = -1;

    UsageCollector(EconomicsConfig config, Pool pool, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(config.collectTimeout()).build();
    }

    void start(@Observes StartupEvent event) {
        if (config.balancerUrl().isEmpty()) {
            LOG.info("heavyweight.economics.balancer-url is not set: fleet cost is not collected");
            return;
        }
        timer = vertx.setPeriodic(config.collectInterval().toMillis(), id -> collect().subscribe().with(
                stored -> { }, failure -> LOG.debugf("usage collection: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads and stores every new record; the number stored by this call (0 while another run is going on). */
    public Uni<Integer> collect() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return page(0).eventually(() -> running.set(false));
    }

    private Uni<Integer> page(int storedSoFar) {
        long after = currentBalancer == null ? 0 : lastSeq.getOrDefault(currentBalancer, 0L);
        URI uri = URI.create(config.balancerUrl().orElseThrow().replaceAll("/+$", "") + "/v1/usage?after=" + after + "&limit=" + PAGE);
        return Uni.createFrom().completionStage(() -> http.sendAsync(
                        HttpRequest.newBuilder(uri).timeout(config.collectTimeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(new IllegalStateException(uri + " answered " + response.statusCode()));
                    }
                    JsonNode body;
                    try {
                        body = mapper.readTree(response.body());
                    } catch (java.io.IOException e) {
                        return Uni.createFrom().failure(new IllegalStateException(uri + " answered no JSON"));
                    }
                    String balancer = body.path("balancer").asText();
                    if (!balancer.equals(currentBalancer)) {
                        // A restarted balancer keeps a new ledger; read it from its start.
                        currentBalancer = balancer;
                        if (after != 0 && !lastSeq.containsKey(balancer)) {
                            return page(storedSoFar);
                        }
                    }
                    List<Tuple> rows = new ArrayList<>();
                    for (JsonNode record : body.path("records")) {
                        rows.add(Tuple.tuple(List.of(balancer, record.path("seq").asLong(), record.path("node").asText(),
                                record.path("node_class").asText(), time(record.path("period_start").asText()),
                                time(record.path("period_end").asText()), record.path("gpus").asInt(),
                                record.path("busy_seconds").asDouble(), record.path("energy_joules").asDouble(),
                                record.path("energy_source").asText(), record.path("cost").asDouble())));
                    }
                    long last = body.path("last_seq").asLong(after);
                    if (rows.isEmpty()) {
                        lastSeq.put(balancer, last);
                        return Uni.createFrom().item(storedSoFar);
                    }
                    return store(rows).chain(stored -> {
                        lastSeq.put(balancer, last);
                        return rows.size() == PAGE ? page(storedSoFar + stored) : Uni.createFrom().item(storedSoFar + stored);
                    });
                });
    }

    /** Inserts the rows in one transaction; counts what was inserted once it is committed. */
    private Uni<Integer> store(List<Tuple> rows) {
        List<Object[]> inserted = new ArrayList<>();
        return pool.withTransaction(connection -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Tuple row : rows) {
                chain = chain.chain(() -> connection.preparedQuery(INSERT).execute(row).invoke(result -> result.forEach(
                        r -> inserted.add(new Object[] {r.getString("node_class"), r.getDouble("energy_joules"), r.getDouble("cost")})))
                        .replaceWithVoid());
            }
            return chain;
        }).map(committed -> {
            for (Object[] r : inserted) {
                Counter.builder("heavyweight.fleet.cost").description("What the fleet cost, idle time included (currency units)")
                        .tag("node_class", (String) r[0]).register(registry).increment((Double) r[2]);
                Counter.builder("heavyweight.fleet.energy").baseUnit("joules")
                        .description("Energy the fleet's GPUs used, idle time included")
                        .tag("node_class", (String) r[0]).register(registry).increment((Double) r[1]);
            }
            return inserted.size();
        });
    }

    private static java.time.OffsetDateTime time(String iso) {
        return Instant.parse(iso).atOffset(ZoneOffset.UTC);
    }
}
