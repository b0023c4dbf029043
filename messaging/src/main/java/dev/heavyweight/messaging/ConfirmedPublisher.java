package dev.heavyweight.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes persistent JSON messages and completes each publish only when the broker has confirmed
 * it (publisher confirms), so "published" means "safely in a queue". Publishes are mandatory: a
 * message no queue would take fails instead of vanishing. Many publishes may be unconfirmed at once
 * (the broker confirms them in batches), which is what makes confirms cheap.
 */
@ApplicationScoped
public class ConfirmedPublisher {

    private record Pending(String messageId, UniEmitter<? super Void> emitter) {
    }

    private final RabbitConnection connection;
    private final ObjectMapper mapper;
    private final RabbitConfig config;
    private final NavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    /** One thread owns the channel: sequence numbers and publishes must not interleave. */
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "rabbitmq-publish"));
    private Channel channel;

    ConfirmedPublisher(RabbitConnection connection, ObjectMapper mapper, RabbitConfig config) {
        this.connection = connection;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Publishes {@code body} as JSON; the Uni completes once the broker confirmed it (see {@link #publish}). The
     * caller's current trace context travels in the headers ({@link TraceHeaders}).
     */
    public Uni<Void> publishJson(String exchange, String routingKey, Object body, int priority, Map<String, Object> headers) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("cannot serialise " + body.getClass(), e));
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .priority(priority)
                .messageId(UUID.randomUUID().toString())
                .timestamp(new Date())
                .headers(TraceHeaders.withCurrent(headers))
                .build();
        return publish(exchange, routingKey, properties, json);
    }

    /**
     * Publishes raw bytes with the given properties (a message id is required to detect returns). The
     * outcome, confirm or failure, is delivered on the caller's Vert.x context when it has one, so the
     * caller can go on using context-bound clients such as a database session.
     */
    public Uni<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        Context context = Vertx.currentContext();
        Uni<Void> confirmed = Uni.createFrom().<Void>emitter(emitter -> io.execute(() -> {
            long sequence = -1;
            try {
                Channel ch = openChannel();
                sequence = ch.getNextPublishSeqNo();
                long registered = sequence;
                pending.put(sequence, new Pending(properties.getMessageId(), emitter));
                emitter.onTermination(() -> pending.remove(registered));
                ch.basicPublish(exchange, routingKey, true, properties, body);
            } catch (IOException | RuntimeException e) {
                if (sequence >= 0) {
                    pending.remove(sequence);
                }
                settle(new Pending(properties.getMessageId(), emitter),
                        e instanceof BrokerUnavailableException ? e
                                : new BrokerUnavailableException("publish to " + exchange + " failed: " + e.getMessage(), e));
            }
        })).ifNoItem().after(config.confirmTimeout()).failWith(() -> new BrokerUnavailableException(
                "no broker confirm within " + config.confirmTimeout()));
        return context == null ? confirmed : confirmed.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Publishes not yet confirmed by the broker. */
    public int unconfirmed() {
        return pending.size();
    }

    @PreDestroy
    void close() {
        io.shutdown();
    }

    private Channel openChannel() throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Connection current = connection.current();
        if (channel != null) {
            // The connection is up but this channel was closed by a channel error: replace it.
            abortQuietly(channel);
        }
        Channel ch = current.createChannel();
        ch.confirmSelect();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
                confirm(deliveryTag, multiple, true);
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
                confirm(deliveryTag, multiple, false);
            }
        });
        ch.addReturnListener(returnedMessage -> returned.add(String.valueOf(returnedMessage.getProperties().getMessageId())));
        ch.addShutdownListener(cause -> failAll("channel closed: " + cause.getMessage()));
        if (ch instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    // sequence numbers restart on the recovered channel; nothing pending survives
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    failAll("connection recovering");
                }
            });
        }
        channel = ch;
        return ch;
    }

    private static void abortQuietly(Channel broken) {
        try {
            broken.abort();
        } catch (IOException | RuntimeException ignored) {
            // already closed: nothing to release
        }
    }

    private void confirm(long deliveryTag, boolean multiple, boolean acked) {
        Map<Long, Pending> settled = multiple ? pending.headMap(deliveryTag, true) : subMap(deliveryTag);
        for (Long tag : Set.copyOf(settled.keySet())) {
            Pending p = pending.remove(tag);
            if (p == null) {
                continue;
            }
            if (!acked) {
                settle(p, new BrokerUnavailableException("broker refused the message (nack)"));
            } else if (returned.remove(String.valueOf(p.messageId()))) {
                settle(p, new UnroutableMessageException("no queue is bound for this message (returned)"));
            } else {
                settle(p, null);
            }
        }
    }

    private Map<Long, Pending> subMap(long tag) {
        return pending.subMap(tag, true, tag, true);
    }

    private void failAll(String reason) {
        for (Long tag : Set.copyOf(pending.keySet())) {
            Pending p = pending.remove(tag);
            if (p != null) {
                settle(p, new BrokerUnavailableException("unconfirmed publish lost: " + reason));
            }
        }
    }

    private static void settle(Pending p, Throwable failure) {
        if (failure == null) {
            p.emitter().complete(null);
        } else {
            p.emitter().fail(failure);
        }
    }
}
