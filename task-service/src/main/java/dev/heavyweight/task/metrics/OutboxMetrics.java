package dev.heavyweight.task.metrics;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxLeases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The outbox as operators see it: tries by kind and outcome, and the rows waiting by kind, read from the
 * table every {@code pending-refresh} (while the database is unreachable the gauge keeps its last reading).
 */
@ApplicationScoped
public class OutboxMetrics {

    static final String ATTEMPTS = "heavyweight.outbox.attempts";
    static final String PENDING = "heavyweight.outbox.pending";
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final Map<OutboxKind, List<OutboxOutcome>> OUTCOMES = Map.of(
            OutboxKind.ADMIT, List.of(OutboxOutcome.ALLOWED, OutboxOutcome.BLOCKED, OutboxOutcome.DROPPED, OutboxOutcome.FAILED),
            OutboxKind.PUBLISH, List.of(OutboxOutcome.PUBLISHED, OutboxOutcome.DROPPED, OutboxOutcome.FAILED),
            OutboxKind.CANCEL, List.of(OutboxOutcome.PUBLISHED, OutboxOutcome.UNHEARD, OutboxOutcome.DROPPED,
                    OutboxOutcome.FAILED),
            OutboxKind.WEBHOOK, List.of(OutboxOutcome.DELIVERED, OutboxOutcome.FAILED, OutboxOutcome.GAVE_UP,
                    OutboxOutcome.DROPPED));

    private final MeterRegistry registry;
    private final OutboxLeases leases;
    private final Vertx vertx;
    private final long refreshMillis;
    private final Map<OutboxKind, AtomicLong> pending = new EnumMap<>(OutboxKind.class);
    private long timer = -1;
    private boolean refreshFailing;

    OutboxMetrics(MeterRegistry registry, OutboxLeases leases, Vertx vertx, TaskConfig config) {
        this.registry = registry;
        this.leases = leases;
        this.vertx = vertx;
        this.refreshMillis = config.outbox().pendingRefresh().toMillis();
        for (OutboxKind kind : OutboxKind.values()) {
            AtomicLong value = new AtomicLong();
            pending.put(kind, value);
            Gauge.builder(PENDING, value, AtomicLong::get)
                    .description("Outbox rows waiting for the relay, by kind")
                    .tag("kind", kind.value())
                    .register(registry);
            OUTCOMES.get(kind).forEach(outcome -> attempts(kind, outcome));
        }
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(1, refreshMillis, id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** One try at a row of {@code kind} ended with {@code outcome}. */
    public void attempted(OutboxKind kind, OutboxOutcome outcome) {
        attempts(kind, outcome).increment();
    }

    private Counter attempts(OutboxKind kind, OutboxOutcome outcome) {
        return registry.counter(ATTEMPTS, "kind", kind.value(), "outcome", outcome.tag());
    }

    private void refresh() {
        leases.pendingByKind().subscribe().with(counts -> {
            counts.forEach((kind, count) -> pending.get(kind).set(count));
            refreshFailing = false;
        }, failure -> {
            if (!refreshFailing) {
                LOG.warnf("cannot read the outbox backlog (%s); heavyweight_outbox_pending keeps its last values", failure.getMessage());
            }
            refreshFailing = true;
        });
    }
}
