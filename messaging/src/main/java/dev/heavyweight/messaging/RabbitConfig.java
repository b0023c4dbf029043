package dev.heavyweight.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Connection to the RabbitMQ broker. */
@ConfigMapping(prefix = "heavyweight.rabbitmq")
public interface RabbitConfig {

    /** Broker host. */
    @WithDefault("127.0.0.1")
    String host();

    /** Broker AMQP port. */
    @WithDefault("5672")
    int port();

    /** User name. */
    @WithDefault("guest")
    String username();

    /** Password. */
    @WithDefault("guest")
    String password();

    /** Virtual host holding the Heavyweight topology. */
    @WithDefault("/")
    String virtualHost();

    /** Pause between connection attempts while the broker is unreachable. */
    @WithDefault("2s")
    Duration reconnectInterval();

    /** AMQP heartbeat, so a vanished broker is noticed within about twice this. */
    @WithDefault("10s")
    Duration heartbeat();

    /** How long a publish may wait for the broker's confirm before it counts as failed. */
    @WithDefault("15s")
    Duration confirmTimeout();

    /**
     * How long a broadcast consumer's queue outlives its connection: a process that lost the broker for
     * less still finds what was broadcast meanwhile (a cancellation) when it reconnects; the queue of a
     * process that is gone is deleted by the broker after this long unused.
     */
    @WithDefault("15m")
    Duration broadcastQueueExpiry();
}
