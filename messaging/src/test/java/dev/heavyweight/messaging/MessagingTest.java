package dev.heavyweight.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real broker, in a virtual host of its own. */
class MessagingTest {

    static final String VHOST = "heavyweight-test-messaging";

    static Vertx vertx;
    static RabbitConnection rabbit;
    static ConfirmedPublisher publisher;
    static Connection inspector;
    static Channel inspect;

    record Payload(String name, int value) {
    }

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        RabbitConfig config = config(5672, Duration.ofMillis(500));
        rabbit = new RabbitConnection(config, vertx, OpenTelemetry.noop());
        publisher = new ConfirmedPublisher(rabbit, new ObjectMapper(), config);
        rabbit.start();
        await().atMost(Duration.ofSeconds(30)).until(rabbit::isOpen);

        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(VHOST);
        inspector = factory.newConnection();
        inspect = inspector.createChannel();
    }

    static RabbitConfig config(int port, Duration reconnectInterval) {
        return new RabbitConfig() {
            public String host() { return "127.0.0.1"; }
            public int port() { return port; }
            public String username() { return "guest"; }
            public String password() { return "guest"; }
            public String virtualHost() { return VHOST; }
            public Duration reconnectInterval() { return reconnectInterval; }
            public Duration heartbeat() { return Duration.ofSeconds(10); }
            public Duration confirmTimeout() { return Duration.ofSeconds(10); }
            public Duration broadcastQueueExpiry() { return Duration.ofMinutes(1); }
        };
    }

    @AfterAll
    static void disconnect() throws Exception {
        inspector.close();
        publisher.close();
        rabbit.close();
        vertx.close();
    }

    @BeforeEach
    void emptyQueues() throws Exception {
        for (String queue : List.of(Lane.INTERACTIVE.queue(), Lane.BATCH.queue(), Topology.DEAD_QUEUE,
                Topology.TASK_SERVICE_EVENTS_QUEUE)) {
            inspect.queuePurge(queue);
        }
    }

    @Test
    void declaresLanesAsPriorityQueuesWithDeadLettering() throws Exception {
        // Re-declaring with the contract's arguments succeeds only if the broker holds exactly these.
        inspect.queueDeclare(Lane.BATCH.queue(), true, false, false, Topology.laneQueueArguments());
        inspect.queueDeclarePassive(Topology.DEAD_QUEUE);
        inspect.queueDeclarePassive(Topology.TASK_SERVICE_EVENTS_QUEUE);
        assertThat(rabbit.queueDepth(Lane.BATCH.queue())).isZero();
    }

    @Test
    void confirmedPublishLandsInTheLaneWithPriorityAndJson() throws Exception {
        publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(), new Payload("job", 7), 4, Map.of())
                .await().atMost(Duration.ofSeconds(10));

        GetResponse got = inspect.basicGet(Lane.BATCH.queue(), true);
        assertThat(got).isNotNull();
        assertThat(got.getProps().getPriority()).isEqualTo(4);
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(new ObjectMapper().readValue(got.getBody(), Payload.class)).isEqualTo(new Payload("job", 7));
        assertThat(publisher.unconfirmed()).isZero();
    }

    @Test
    void outcomesArriveOnTheCallersVertxContext() throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Boolean> confirmedOnCaller = new CompletableFuture<>();
        CompletableFuture<Boolean> failedOnCaller = new CompletableFuture<>();
        caller.runOnContext(ignored -> {
            publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(), new Payload("ctx", 1), 0, Map.of())
                    .subscribe().with(ok -> confirmedOnCaller.complete(Vertx.currentContext() == caller),
                            confirmedOnCaller::completeExceptionally);
            publisher.publishJson(Topology.JOBS_EXCHANGE, "no-such-lane", new Payload("ctx", 2), 0, Map.of())
                    .subscribe().with(ok -> failedOnCaller.complete(false),
                            failure -> failedOnCaller.complete(Vertx.currentContext() == caller));
        });
        assertThat(confirmedOnCaller.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failedOnCaller.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void publishThatNoQueueTakesFails() {
        assertThatThrownBy(() -> publisher.publishJson(Topology.JOBS_EXCHANGE, "no-such-lane", new Payload("x", 1), 0, Map.of())
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(UnroutableMessageException.class)
                .hasMessageContaining("no queue");
    }

    @Test
    void consumerSettlesEachDeliveryAsItsHandlerDecides() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean onVertxContext = new AtomicBoolean(true);
        ManualAckConsumer consumer = rabbit.consumer(Lane.INTERACTIVE.queue(), 4, delivery -> {
            String body = new String(delivery.getBody());
            onVertxContext.compareAndSet(true, Vertx.currentContext() != null
                    && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(Vertx.currentContext()));
            boolean redelivered = delivery.getEnvelope().isRedeliver();
            seen.add(body + (redelivered ? ":again" : ""));
            if (body.contains("poison")) {
                return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.DEAD_LETTER);
            }
            if (body.contains("retry") && !redelivered) {
                return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.REQUEUE);
            }
            return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.ACK);
        });
        consumer.start();
        try {
            for (String name : List.of("ok", "poison", "retry")) {
                publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.INTERACTIVE.routingKey(), new Payload(name, 0), 0, Map.of())
                        .await().atMost(Duration.ofSeconds(10));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(seen).anyMatch(s -> s.contains("retry") && s.endsWith(":again"));
                assertThat(consumer.inFlight()).isZero();
            });
            assertThat(seen).hasSize(4);
            assertThat(onVertxContext).isTrue();
            assertThat(rabbit.queueDepth(Lane.INTERACTIVE.queue())).isZero();
            GetResponse dead = inspect.basicGet(Topology.DEAD_QUEUE, true);
            assertThat(dead).isNotNull();
            assertThat(new String(dead.getBody())).contains("poison");
        } finally {
            consumer.close();
        }
    }

    @Test
    void everyBroadcastConsumerHearsEachControlMessage() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        ManualAckConsumer a = rabbit.broadcastConsumer(Topology.CONTROL_EXCHANGE, 8, delivery -> {
            first.add(new String(delivery.getBody()));
            return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.ACK);
        });
        ManualAckConsumer b = rabbit.broadcastConsumer(Topology.CONTROL_EXCHANGE, 8, delivery -> {
            second.add(new String(delivery.getBody()));
            return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.ACK);
        });
        a.start();
        b.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.isConsuming() && b.isConsuming());
            publisher.publishJson(Topology.CONTROL_EXCHANGE, "", new Payload("cancel", 9), 0, Map.of())
                    .await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 1 && second.size() == 1);
            assertThat(first.get(0)).contains("cancel").isEqualTo(second.get(0));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aBroadcastSentWhileTheConsumerWasDisconnectedArrivesWhenItReconnects() throws Exception {
        // The listener reaches the broker through a TCP relay whose connections the test cuts: a network
        // failure as the broker and the client see it (not a close the client asked for).
        try (TcpRelay relay = new TcpRelay(5672)) {
            RabbitConnection away = new RabbitConnection(config(relay.port(), Duration.ofSeconds(3)), vertx,
                    OpenTelemetry.noop());
            List<String> heard = new CopyOnWriteArrayList<>();
            ManualAckConsumer listener = away.broadcastConsumer(Topology.CONTROL_EXCHANGE, 8, delivery -> {
                heard.add(new String(delivery.getBody()));
                return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.ACK);
            });
            away.start();
            listener.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(listener::isConsuming);
                relay.cutAll();
                await().atMost(Duration.ofSeconds(5)).until(() -> !away.isOpen());
                // Sent on another connection while the listener's is down, as task-service would.
                inspect.basicPublish(Topology.CONTROL_EXCHANGE, "", null, "cancel-while-away".getBytes());

                await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("cancel-while-away"));
            } finally {
                listener.close();
                away.close();
            }
        }
    }

    @Test
    void closingWithUnsettledDeliveriesPutsThemBack() throws Exception {
        ManualAckConsumer stuck = rabbit.consumer(Lane.BATCH.queue(), 2,
                delivery -> io.smallrye.mutiny.Uni.createFrom().nothing());
        stuck.start();
        publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(), new Payload("held", 1), 0, Map.of())
                .await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> stuck.inFlight() == 1);
        assertThat(rabbit.queueDepth(Lane.BATCH.queue())).isZero();

        stuck.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> rabbit.queueDepth(Lane.BATCH.queue()) == 1);
    }

    @Test
    void publishedMessagesCarryTheTraceAndTheConsumerContinuesIt() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        SpanContext submitted = SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.builder().put("heavyweight", "e2e").build());
        try (Scope ignored = Span.wrap(submitted).makeCurrent()) {
            publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(), new Payload("traced", 1), 0,
                    Map.of("x-kept", "yes")).await().atMost(Duration.ofSeconds(10));
        }
        GetResponse got = inspect.basicGet(Lane.BATCH.queue(), true);
        assertThat(got).isNotNull();
        Map<String, Object> headers = got.getProps().getHeaders();
        assertThat(String.valueOf(headers.get("traceparent"))).isEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(String.valueOf(headers.get("tracestate"))).isEqualTo("heavyweight=e2e");
        assertThat(String.valueOf(headers.get("x-kept"))).isEqualTo("yes");

        CompletableFuture<SpanContext> seenByHandler = new CompletableFuture<>();
        ManualAckConsumer consumer = rabbit.consumer(Lane.INTERACTIVE.queue(), 1, delivery -> {
            seenByHandler.complete(Span.current().getSpanContext());
            return io.smallrye.mutiny.Uni.createFrom().item(ManualAckConsumer.Disposition.ACK);
        });
        consumer.start();
        try {
            try (Scope ignored = Span.wrap(submitted).makeCurrent()) {
                publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.INTERACTIVE.routingKey(), new Payload("traced", 2), 0,
                        Map.of()).await().atMost(Duration.ofSeconds(10));
            }
            SpanContext continued = seenByHandler.get(20, TimeUnit.SECONDS);
            assertThat(continued.getTraceId()).isEqualTo(traceId);
            assertThat(continued.isRemote()).isTrue();
            assertThat(continued.getTraceState().get("heavyweight")).isEqualTo("e2e");
        } finally {
            consumer.close();
        }
    }

    @Test
    void aMessagePublishedOutsideATraceCarriesNoTraceparent() throws Exception {
        publisher.publishJson(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(), new Payload("untraced", 1), 0, Map.of())
                .await().atMost(Duration.ofSeconds(10));
        GetResponse got = inspect.basicGet(Lane.BATCH.queue(), true);
        assertThat(got).isNotNull();
        assertThat(got.getProps().getHeaders()).doesNotContainKey("traceparent");
    }
}
