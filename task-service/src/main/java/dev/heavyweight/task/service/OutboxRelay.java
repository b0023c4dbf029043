package dev.heavyweight.task.service;

import dev.heavyweight.contracts.logging.TaskMdc;
import dev.heavyweight.messaging.RabbitConfig;
import dev.heavyweight.messaging.TraceHeaders;
import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Does what the outbox owes: claims due rows under a lease and works up to {@code concurrency} of them at
 * once (so many moderation calls and unconfirmed publishes are in flight together, a confirm window),
 * claiming more as rows finish. It scans every {@code poll-interval} and at once when woken after a
 * commit. A database or broker outage only delays rows, it never stops the relay. Its bookkeeping runs on
 * one Vert.x context of its own, so it needs no locks.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Vertx vertx;
    private final Tracer tracer;
    private final OutboxLeases leases;
    private final OutboxDispatcher dispatcher;
    private final TaskConfig.Outbox config;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));
    private Context context;
    private long timer = -1;
    private int inFlight;
    private boolean claiming;
    /** Set when due rows may exist that no claim has seen yet. */
    private boolean wanted;
    private boolean stopped;

    OutboxRelay(Vertx vertx, OutboxLeases leases, OutboxDispatcher dispatcher, TaskConfig config, RabbitConfig rabbit,
                Tracer tracer) {
        this.vertx = vertx;
        this.tracer = tracer;
        this.leases = leases;
        this.dispatcher = dispatcher;
        this.config = config.outbox();
        // An admit row waits for a verdict and then for a confirm, a webhook row for a connection and an answer;
        // the lease must outlast both, or a second relay could take the row over while the first still works on it.
        Duration admit = config.moderation().deadline().plus(rabbit.confirmTimeout());
        Duration webhook = config.webhooks().connectTimeout().plus(config.webhooks().requestTimeout());
        if (this.config.lease().compareTo(admit) <= 0 || this.config.lease().compareTo(webhook) <= 0) {
            throw new IllegalArgumentException("heavyweight.task.outbox.lease (" + this.config.lease()
                    + ") must be longer than heavyweight.task.moderation.deadline plus heavyweight.rabbitmq.confirm-timeout ("
                    + admit + ") and than heavyweight.task.webhooks.connect-timeout plus request-timeout (" + webhook + ")");
        }
    }

    void start(@Observes StartupEvent event) {
        Context own = vertx.getOrCreateContext();
        context = own;
        own.runOnContext(ignored -> {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wakeHere());
            wakeHere();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        Context own = context;
        if (own != null) {
            own.runOnContext(ignored -> {
                stopped = true;
                vertx.cancelTimer(timer);
            });
        }
    }

    /** Scans for due rows now; called from any thread after a commit that wrote rows due at once. */
    public void wake() {
        Context own = context;
        if (own != null) {
            own.runOnContext(ignored -> wakeHere());
        }
    }

    private void wakeHere() {
        wanted = true;
        pump();
    }

    private void pump() {
        int room = config.concurrency() - inFlight;
        if (stopped || claiming || !wanted || room <= 0) {
            return;
        }
        claiming = true;
        wanted = false;
        int limit = Math.min(room, config.batchSize());
        leases.claim(limit, config.lease()).emitOn(this::onRelayContext)
                .subscribe().with(rows -> claimed(rows, limit), this::claimFailed);
    }

    private void claimed(List<OutboxRow> rows, int limit) {
        claiming = false;
        throttled.recovered("claim", "outbox relay claims rows again");
        if (rows.size() == limit) {
            wanted = true;
        }
        rows.forEach(this::begin);
        pump();
    }

    private void claimFailed(Throwable failure) {
        claiming = false;
        throttled.warn("claim", "outbox relay cannot claim rows (" + failure.getMessage() + "); it keeps trying every "
                + config.pollInterval());
    }

    private void begin(OutboxRow row) {
        inFlight++;
        Context rowContext = SessionContexts.fresh(context);
        rowContext.runOnContext(ignored -> {
            // The row is worked inside the trace of the request that submitted its task, with the task in the
            // MDC: both live on this row's own context, so its moderation call, publish and log lines carry them.
            Span span = tracer.spanBuilder("outbox " + row.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .setParent(TraceHeaders.extract(row.traceparent(), row.tracestate()))
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("heavyweight.task_id", row.taskId().toString())
                    .startSpan();
            Scope scope = span.makeCurrent();
            TaskMdc.put(row.taskId(), row.tenant());
            LOG.debugf("working outbox row %d (%s, attempt %d) of task %s", row.id(), row.kind(), row.attempt(),
                    row.taskId());
            dispatcher.work(row).subscribe().with(
                    done -> rowContext.runOnContext(v -> {
                        end(span, scope);
                        finished();
                    }),
                    failure -> rowContext.runOnContext(v -> {
                        end(span, scope);
                        finished();
                    }));
        });
    }

    /** Ends the row's span; on the row's own context, where its scope was opened. */
    private static void end(Span span, Scope scope) {
        span.end();
        scope.close();
        TaskMdc.clear();
    }

    private void finished() {
        onRelayContext(() -> {
            inFlight--;
            pump();
        });
    }

    private void onRelayContext(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }
}
