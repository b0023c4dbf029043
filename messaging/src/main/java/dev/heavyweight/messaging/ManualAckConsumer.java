package dev.heavyweight.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Consumes one queue with manual acknowledgement and a bounded prefetch. Each delivery is handled on
 * its own safe duplicated Vert.x context (so reactive database sessions work in the handler) and settled
 * only when the handler's Uni completes: the handler decides when a message is safely done.
 * A handler failure requeues the message after a short pause rather than spinning on it.
 * The handler runs inside a consumer span that continues the publisher's trace ({@link TraceHeaders}), so
 * the calls it makes and the log lines it writes carry the trace id of the request behind the message.
 */
public final class ManualAckConsumer {

    private static final Logger LOG = Logger.getLogger(ManualAckConsumer.class);
    private static final Duration REQUEUE_PAUSE = Duration.ofSeconds(1);

    /** What to do with a delivery once handled. */
    public enum Disposition {
        /** Done: remove it from the queue. */
        ACK,
        /** Refuse it without requeue: the queue's dead-letter exchange receives it. */
        DEAD_LETTER,
        /** Put it back for another delivery. */
        REQUEUE
    }

    @FunctionalInterface
    public interface Handler {
        Uni<Disposition> handle(Delivery delivery);
    }

    /** Names (declaring if needed) the queue to consume on a freshly opened channel. */
    @FunctionalInterface
    interface QueueSource {
        String open(Channel channel) throws IOException;
    }

    private final RabbitConnection connection;
    private final Vertx vertx;
    private final Tracer tracer;
    private final String description;
    private final QueueSource source;
    private final int prefetch;
    private final Handler handler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Channel channel;
    private volatile String consumerTag;
    private volatile boolean stopped;

    ManualAckConsumer(RabbitConnection connection, Vertx vertx, Tracer tracer, String description, QueueSource source,
            int prefetch, Handler handler) {
        this.connection = connection;
        this.vertx = vertx;
        this.tracer = tracer;
        this.description = description;
        this.source = source;
        this.prefetch = prefetch;
        this.handler = handler;
    }

    /** Starts consuming as soon as the broker is connected. */
    public void start() {
        connection.onConnected(this::subscribe);
    }

    /** The queue, or for a broadcast consumer the exchange it listens to. */
    public String description() {
        return description;
    }

    /** Deliveries received and not yet settled. */
    public int inFlight() {
        return inFlight.get();
    }

    /** True while a consumer is registered with the broker. */
    public boolean isConsuming() {
        Channel ch = channel;
        return !stopped && ch != null && ch.isOpen() && consumerTag != null;
    }

    /** Stops receiving new deliveries; those in flight still complete and are settled. */
    public void stopConsuming() {
        stopped = true;
        Channel ch = channel;
        String tag = consumerTag;
        if (ch != null && ch.isOpen() && tag != null) {
            try {
                ch.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cancelling consumer on %s: %s", description, e.getMessage());
            }
        }
    }

    /** Closes the channel: the broker requeues every delivery not yet acknowledged. */
    public void close() {
        stopConsuming();
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                LOG.debugf("closing channel of %s: %s", description, e.getMessage());
            }
        }
    }

    private synchronized void subscribe(Connection current) throws IOException {
        if (stopped) {
            return;
        }
        Channel ch = current.createChannel();
        ch.basicQos(prefetch);
        String queue = source.open(ch);
        consumerTag = ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                dispatch(ch, new Delivery(envelope, properties, body));
            }
        });
        channel = ch;
        LOG.infof("consuming %s with prefetch %d", description, prefetch);
    }

    private void dispatch(Channel ch, Delivery delivery) {
        inFlight.incrementAndGet();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // A context of its own per delivery, marked safe: reactive database sessions require both.
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            io.opentelemetry.context.Context parent = TraceHeaders.extract(delivery.getProperties().getHeaders());
            Span span = tracer.spanBuilder(description + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "rabbitmq")
                    .setAttribute("messaging.destination.name", delivery.getEnvelope().getExchange())
                    .startSpan();
            // Left current on this delivery's own context until it is settled: the handler's later stages run there.
            Scope scope = parent.with(span).makeCurrent();
            Uni<Disposition> handled;
            try {
                handled = handler.handle(delivery);
            } catch (RuntimeException e) {
                handled = Uni.createFrom().failure(e);
            }
            handled.subscribe().with(
                    disposition -> {
                        settle(ch, delivery, disposition);
                        context.runOnContext(v -> end(span, scope, null));
                    },
                    failure -> {
                        LOG.warnf("handling a message from %s failed (%s); requeueing it", description, failure.toString());
                        context.runOnContext(v -> end(span, scope, failure));
                        vertx.setTimer(REQUEUE_PAUSE.toMillis(), id -> settle(ch, delivery, Disposition.REQUEUE));
                    });
        });
    }

    private static void end(Span span, Scope scope, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.toString());
        }
        span.end();
        scope.close();
    }

    private void settle(Channel ch, Delivery delivery, Disposition disposition) {
        long tag = delivery.getEnvelope().getDeliveryTag();
        try {
            switch (disposition) {
                case ACK -> ch.basicAck(tag, false);
                case DEAD_LETTER -> ch.basicReject(tag, false);
                case REQUEUE -> ch.basicReject(tag, true);
            }
        } catch (IOException | RuntimeException e) {
            // The channel died with the delivery unsettled: the broker has already requeued it.
            LOG.debugf("settling delivery %d on %s failed: %s", tag, description, e.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
