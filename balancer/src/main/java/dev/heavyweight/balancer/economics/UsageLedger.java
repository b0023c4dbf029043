package dev.heavyweight.balancer.economics;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The fleet's cost and energy, interval by interval: every {@code heavyweight.economics.interval} each known node
 * (whatever its state: an ejected or draining GPU costs as much as a busy one) gets a {@link UsageRecord}. The
 * ledger lives in memory for {@code retention}; task-service collects it through {@code GET /v1/usage} and keeps
 * it. A restarted balancer starts a new ledger under a new id, so collectors never confuse two.
 */
@Singleton
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class);

    /** Where a node stood at the previous tick. */
    private record Reading(Instant at, double busySeconds, OptionalDouble energyJoules) {
    }

    private final SlotScheduler scheduler;
    private final NodeClasses classes;
    private final EconomicsConfig config;
    private final EconomicsMetrics metrics;
    private final EnergyReader energy;
    private final String id = UUID.randomUUID().toString();
    private final Map<String, Reading> previous = new HashMap<>();
    private final ArrayDeque<UsageRecord> records = new ArrayDeque<>();
    private long seq;
    private ScheduledExecutorService ticker;

    UsageLedger(SlotScheduler scheduler, NodeClasses classes, EconomicsConfig config, EconomicsMetrics metrics) {
        this.scheduler = scheduler;
        this.classes = classes;
        this.config = config;
        this.metrics = metrics;
        this.energy = new EnergyReader(config.metricsTimeout());
    }

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage-ledger");
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.interval().toMillis();
        ticker.scheduleAtFixedRate(this::tickSafely, 0, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** This ledger's identity; a new one after every start. */
    public String id() {
        return id;
    }

    /** Records after {@code afterSeq}, oldest first, at most {@code limit}. */
    public synchronized List<UsageRecord> after(long afterSeq, int limit) {
        List<UsageRecord> page = new ArrayList<>();
        for (UsageRecord record : records) {
            if (record.seq() > afterSeq) {
                page.add(record);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    private void tickSafely() {
        try {
            tick(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf(e, "usage accounting skipped an interval");
        }
    }

    void tick(Instant now) {
        List<NodeSnapshot> nodes = scheduler.nodes();
        Map<String, OptionalDouble> energies = new HashMap<>();
        for (NodeSnapshot node : nodes) {
            energies.put(node.address(), metricsUrl(node.address()).map(energy::read).orElse(OptionalDouble.empty()));
        }
        List<UsageRecord> made = new ArrayList<>();
        synchronized (this) {
            seq++;
            for (NodeSnapshot node : nodes) {
                Reading current = new Reading(now, node.busySeconds(), energies.get(node.address()));
                Reading before = previous.put(node.address(), current);
                if (before != null) {
                    made.add(account(seq, node.address(), node.slots(), classes.rates(node.address()), before, current));
                }
            }
            previous.keySet().retainAll(nodes.stream().map(NodeSnapshot::address).toList());
            records.addAll(made);
            Instant oldest = now.minus(config.retention());
            while (!records.isEmpty() && records.peekFirst().periodEnd().isBefore(oldest)) {
                records.removeFirst();
            }
        }
        metrics.accounted(nodes, made, classes);
    }

    /**
     * One node's interval: cost is the price of its GPUs for the whole interval; energy is the change of the
     * node's counter, or — without two readings, or when the counter went back (the node restarted) — the
     * class's idle power plus the busy share of its busy power, busy share = busy slot time ÷ slots ÷ interval.
     */
    static UsageRecord account(long seq, String node, int slots, NodeClasses.Rates rates, Reading before, Reading after) {
        double seconds = Math.max(0, (after.at().toEpochMilli() - before.at().toEpochMilli()) / 1000.0);
        double busy = Math.max(0, after.busySeconds() - before.busySeconds());
        double cost = rates.pricePerGpuHour() * rates.gpus() * seconds / 3600.0;
        double joules;
        String source;
        if (before.energyJoules().isPresent() && after.energyJoules().isPresent()
                && after.energyJoules().getAsDouble() >= before.energyJoules().getAsDouble()) {
            joules = after.energyJoules().getAsDouble() - before.energyJoules().getAsDouble();
            source = UsageRecord.MEASURED;
        } else {
            double busyShare = seconds == 0 || slots == 0 ? 0 : Math.min(1.0, busy / slots / seconds);
            joules = rates.gpus() * seconds * (rates.idleWatts() + (rates.busyWatts() - rates.idleWatts()) * busyShare);
            source = UsageRecord.CONFIGURED;
        }
        return new UsageRecord(seq, node, rates.name(), before.at(), after.at(), rates.gpus(), busy, joules, source, cost);
    }

    /** For tests: account one interval from explicit readings. */
    static UsageRecord account(long seq, String node, int slots, NodeClasses.Rates rates, Instant from, double busyFrom,
            OptionalDouble energyFrom, Instant to, double busyTo, OptionalDouble energyTo) {
        return account(seq, node, slots, rates, new Reading(from, busyFrom, energyFrom), new Reading(to, busyTo, energyTo));
    }

    private java.util.Optional<String> metricsUrl(String node) {
        String own = config.metricsUrl().get(node);
        if (own != null) {
            return java.util.Optional.of(own);
        }
        int colon = node.lastIndexOf(':');
        String host = colon > 0 ? node.substring(0, colon) : node;
        return config.metricsUrlTemplate().map(template -> template.replace("{host}", host));
    }
}
