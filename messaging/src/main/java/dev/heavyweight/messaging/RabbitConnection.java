package dev.heavyweight.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The service's one connection to RabbitMQ. It keeps trying until the broker is reachable (a service
 * may start before the broker), declares the topology, then hands the connection to the registered
 * publishers and consumers. After that the client's automatic recovery re-opens the connection,
 * channels, declarations and consumers after a broker restart or network failure.
 */
@ApplicationScoped
public class RabbitConnection {

    private static final Logger LOG = Logger.getLogger(RabbitConnection.class);

    /** Something that needs the connection once it is up (a consumer opening its channel, say). */
    @FunctionalInterface
    public interface Listener {
        void connected(Connection connection) throws IOException;
    }

    private final ConnectionFactory factory;
    private final RabbitConfig config;
    private final Vertx vertx;
    private final Tracer tracer;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "rabbitmq-connect"));
    private volatile Connection connection;
    private volatile boolean closed;

    @Inject
    RabbitConnection(RabbitConfig config, Vertx vertx, Instance<OpenTelemetry> telemetry) {
        this(config, vertx, telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop());
    }

    RabbitConnection(RabbitConfig config, Vertx vertx, OpenTelemetry telemetry) {
        this.config = config;
        this.vertx = vertx;
        this.tracer = telemetry.getTracer("dev.heavyweight.messaging");
        this.factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setRequestedHeartbeat((int) config.heartbeat().toSeconds());
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(config.reconnectInterval().toMillis());
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts connecting in the background; idempotent. */
    public void start() {
        if (connection == null && !closed) {
            connector.execute(this::connect);
        }
    }

    /**
     * Calls the listener with the connection as soon as it is up (at once if it already is). Called once:
     * automatic recovery restores what the listener opened.
     */
    public synchronized void onConnected(Listener listener) {
        listeners.add(listener);
        Connection current = connection;
        if (current != null) {
            connector.execute(() -> notifyListener(listener, current));
        }
    }

    /** True while the connection is open (false before the first connect and during recovery). */
    public boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** The connection, or a {@link BrokerUnavailableException} when there is none open now. */
    public Connection current() {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            throw new BrokerUnavailableException("RabbitMQ at " + describe() + " is not connected");
        }
        return current;
    }

    /** Messages ready in a queue, read from the broker (blocking: call it off the event loop). */
    public long queueDepth(String queue) throws IOException {
        try (Channel channel = current().createChannel()) {
            return channel.messageCount(queue);
        } catch (TimeoutException e) {
            throw new IOException("closing channel timed out", e);
        }
    }

    /** A manual-ack consumer on {@code queue}; it starts consuming when {@link ManualAckConsumer#start()} is called. */
    public ManualAckConsumer consumer(String queue, int prefetch, ManualAckConsumer.Handler handler) {
        return new ManualAckConsumer(this, vertx, tracer, queue, channel -> queue, prefetch, handler);
    }

    /**
     * A consumer that hears every message of a fanout {@code exchange}, through a queue of its own that
     * lives as long as this connection (server-named, exclusive; recovery declares a new one).
     */
    /**
     * A consumer of every message broadcast on a fanout {@code exchange}, through a queue of its own. The
     * queue is named for this process and consumer, durable and not exclusive, with the broker deleting it
     * after {@code broadcast-queue-expiry} unused: it survives this process losing its connection (or the
     * broker restarting), so what was broadcast meanwhile is delivered on reconnect instead of being lost
     * with a server-named exclusive queue.
     */
    public ManualAckConsumer broadcastConsumer(String exchange, int prefetch, ManualAckConsumer.Handler handler) {
        String queue = exchange + "." + connectionName() + "." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> arguments = Map.of("x-expires", config.broadcastQueueExpiry().toMillis());
        return new ManualAckConsumer(this, vertx, tracer, exchange, channel -> {
            channel.queueDeclare(queue, true, false, false, arguments);
            channel.queueBind(queue, exchange, "");
            return queue;
        }, prefetch, handler);
    }

    public String describe() {
        return config.host() + ":" + config.port() + " vhost " + config.virtualHost();
    }

    @PreDestroy
    void close() {
        closed = true;
        connector.shutdownNow();
        Connection current = connection;
        if (current != null && current.isOpen()) {
            try {
                current.close(5_000);
            } catch (IOException e) {
                LOG.debugf("closing RabbitMQ connection: %s", e.getMessage());
            }
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        Connection opened = null;
        try {
            opened = factory.newConnection(connectionName());
            try (Channel channel = opened.createChannel()) {
                TopologyDeclarer.declare(channel);
            }
            synchronized (this) {
                connection = opened;
            }
            LOG.infof("connected to RabbitMQ at %s", describe());
            for (Listener listener : listeners) {
                notifyListener(listener, opened);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (opened != null && connection != opened) {
                closeQuietly(opened);
            }
            Duration retry = config.reconnectInterval();
            LOG.warnf("RabbitMQ at %s not reachable (%s); retrying in %s", describe(), e.getMessage(), retry);
            connector.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void notifyListener(Listener listener, Connection opened) {
        try {
            listener.connected(opened);
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "RabbitMQ listener failed after connecting; retrying in %s", config.reconnectInterval());
            connector.schedule(() -> notifyListener(listener, opened), config.reconnectInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private static String connectionName() {
        return System.getProperty("quarkus.application.name", "heavyweight") + "@" + ProcessHandle.current().pid();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.abort(1_000);
        } catch (RuntimeException ignored) {
            // already broken: nothing to release
        }
    }
}
