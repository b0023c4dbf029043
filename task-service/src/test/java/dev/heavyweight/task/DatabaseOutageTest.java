package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.ListRequest;
import dev.heavyweight.contracts.task.SubmitRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** While the database cannot be reached every rpc answers UNAVAILABLE (the gateway's 503), never INTERNAL. */
@QuarkusTest
@TestProfile(UnreachableDatabase.class)
class DatabaseOutageTest {

    static TaskApi api;

    @BeforeAll
    static void connect() {
        api = new TaskApi();
    }

    @AfterAll
    static void disconnect() throws Exception {
        api.close();
    }

    @Test
    void everyRpcAnswersUnavailable() {
        String tenant = "outage-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Map<String, Runnable> calls = Map.of(
                "Submit", () -> api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a cat").build()),
                "Submit with a key", () -> api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a cat")
                        .setIdempotencyKey("k1").build()),
                "Get", () -> api.get(tenant, id),
                "Cancel", () -> api.cancel(tenant, id),
                "List", () -> api.list(ListRequest.newBuilder().setTenant(tenant).build()),
                "ListEvents", () -> api.events(tenant, id, 0),
                "PutFeedback", () -> api.feedback(FeedbackRequest.newBuilder().setTenant(tenant).setId(id)
                        .setUser("alice").setRating(5).build()),
                "RecordDownload", () -> api.download(tenant, id, "alice", "redirect"),
                "GetTenant", () -> api.tenant(tenant));

        calls.forEach((rpc, call) -> assertThatThrownBy(call::run).as(rpc)
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).as(rpc).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).as(rpc).isEqualTo("database unavailable");
                }));
    }

    @Test
    void badInputIsStillInvalidArgument() {
        assertThatThrownBy(() -> api.submit(SubmitRequest.newBuilder().setTenant("t").setPrompt(" ").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
}
