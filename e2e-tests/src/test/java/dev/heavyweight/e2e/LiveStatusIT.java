package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live status stream (SSE) through the real services: two gateway replicas, two task-services, the
 * fan-out through RabbitMQ. A stream sent from a replica that did not take the submission sees the same.
 */
@ExtendWith(PlatformExtension.class)
class LiveStatusIT {

    private static final List<String> LIFECYCLE = List.of("accepted", "queued", "running", "succeeded");
    private static final Duration STREAM = Duration.ofSeconds(60);
    private static GatewayClient first;
    private static GatewayClient second;

    @BeforeAll
    static void connect(Platform platform) {
        first = platform.gateway(1, Platform.TENANT);
        second = platform.gateway(2, Platform.TENANT);
    }

    @Test
    void bothReplicasStreamTheWholeLifecycleEndAfterTheTerminalEventAndResumeByLastEventId(Platform platform)
            throws Exception {
        // With moderation away the task waits in ACCEPTED (fail closed), so both streams surely start there.
        platform.process(Platform.MODERATION).stop(Duration.ofSeconds(15));
        String id;
        CompletableFuture<SseStream.Received> onFirst;
        CompletableFuture<SseStream.Received> onSecond;
        try {
            id = first.submitAccepted("""
                    {"prompt":"a kite over the dunes","width":256,"height":256,"steps":30}""");
            onFirst = SseStream.open(first, id, null);
            onSecond = SseStream.open(second, id, null);
            Thread.sleep(1000);
        } finally {
            platform.restart(Platform.MODERATION);
        }

        for (SseStream.Received received : List.of(onFirst.get(STREAM.toSeconds(), TimeUnit.SECONDS),
                onSecond.get(STREAM.toSeconds(), TimeUnit.SECONDS))) {
            assertThat(received.status()).isEqualTo(200);
            assertThat(received.contentType()).startsWith("text/event-stream");
            assertThat(received.states()).as("the full sequence, then the stream ends").isEqualTo(LIFECYCLE);
            assertThat(received.otherLines()).as("lines that are no SSE field").isEmpty();
            assertThat(received.events()).allSatisfy(event -> {
                assertThat(event.data().get("id").asText()).isEqualTo(id);
                assertThat(event.name()).isEqualTo(event.data().get("state").asText());
            });
            List<Long> ids = received.events().stream().map(e -> Long.parseLong(e.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(received.events().get(3).data().get("image_url").asText()).isEqualTo("/v1/generations/" + id + "/image");
        }
        List<SseStream.Event> all = onFirst.get().events();
        assertThat(all.stream().map(SseStream.Event::id).toList())
                .as("replicas number the events alike").isEqualTo(onSecond.get().events().stream().map(SseStream.Event::id).toList());

        // Resuming after "queued" gives exactly the changes after it, on either replica.
        SseStream.Received resumed = SseStream.read(second, id, all.get(1).id(), STREAM);
        assertThat(resumed.states()).isEqualTo(List.of("running", "succeeded"));
        assertThat(resumed.events().stream().map(SseStream.Event::id).toList())
                .isEqualTo(all.subList(2, 4).stream().map(SseStream.Event::id).toList());
    }

    @Test
    void aStreamOpenedAfterTheEndSendsTheCurrentStateAndCloses() throws Exception {
        String id = first.submitAccepted("""
                {"prompt":"a tram in the rain","width":256,"height":256,"steps":10}""");
        first.awaitFinal(id, STREAM);
        SseStream.Received late = SseStream.read(second, id, null, STREAM);
        assertThat(late.states()).isEqualTo(List.of("succeeded"));
    }

    @Test
    void anotherTenantsTaskHasNoStream(Platform platform) throws Exception {
        String id = first.submitAccepted("""
                {"prompt":"a lantern festival","width":256,"height":256,"steps":5}""");
        SseStream.Received foreign = SseStream.read(platform.gateway(2, "other-tenant"), id, null, STREAM);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
    }
}
