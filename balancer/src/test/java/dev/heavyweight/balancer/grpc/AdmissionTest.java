package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.Lane;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Requests wait in the balancer while every slot is busy: order, cancellation, deadline and the queue's bound. */
@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class AdmissionTest extends FakeFleetFixture {

    private final List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();

    AdmissionTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @BeforeEach
    void everySlotBusy() throws Exception {
        calls.addAll(fleet.occupyEverySlot("busy"));
    }

    @AfterEach
    void releaseEverything() {
        nodes.all().forEach(node -> node.answer(FakeTritonNode.Answer.IMAGE));
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        calls.forEach(call -> call.cancel(true));
        await().until(fleet::idle);
    }

    @Test
    void aRequestWaitsWhileEverySlotIsBusyAndTakesTheFirstOneToFree() throws Exception {
        ListenableFuture<ModelInferResponse> waiting = send("waiting", Lane.INTERACTIVE);
        fleet.awaitWaiting(1, 0);
        assertThat(nodes.all()).allMatch(node -> !node.received().contains("waiting"));

        nodes.b().releaseHeld();

        await().until(() -> nodes.b().received().contains("waiting"));
        nodes.b().releaseHeld();
        assertThat(Fleet.get(waiting).getRawOutputContents(0).toStringUtf8()).isEqualTo("node-b");
        assertThat(nodes.a().received()).doesNotContain("waiting");
        assertThat(nodes.c().received()).doesNotContain("waiting");
    }

    @Test
    void interactiveOvertakesWaitingBatch() {
        send("batch", Lane.BATCH);
        fleet.awaitWaiting(0, 1);
        send("interactive", Lane.INTERACTIVE);
        fleet.awaitWaiting(1, 1);

        nodes.a().releaseHeld();
        await().until(() -> nodes.a().received().size() == 2);
        nodes.a().releaseHeld();
        await().until(() -> nodes.a().received().size() == 3);

        assertThat(nodes.a().received()).hasSize(3).endsWith("interactive", "batch");
    }

    @Test
    void theLaneMayComeAsARequestParameter() {
        send("batch", Lane.BATCH);
        fleet.awaitWaiting(0, 1);
        calls.add(balancer.future().modelInfer(request("by-parameter").toBuilder()
                .putParameters("heavyweight_lane", InferParameter.newBuilder().setStringParam("batch").build())
                .build()));

        fleet.awaitWaiting(0, 2);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("bad-lane").toBuilder()
                        .putParameters("heavyweight_lane", InferParameter.newBuilder().setStringParam("vip").build())
                        .build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription())
                .isEqualTo("parameter heavyweight_lane must be interactive or batch, was 'vip'");
    }

    @Test
    void aWaitingRequestWhoseCallerCancelsNeverReachesANode() throws Exception {
        ListenableFuture<ModelInferResponse> abandoned = send("abandoned", Lane.INTERACTIVE);
        fleet.awaitWaiting(1, 0);

        abandoned.cancel(true);
        fleet.awaitWaiting(0, 0);
        ListenableFuture<ModelInferResponse> after = send("after", Lane.BATCH);
        fleet.awaitWaiting(0, 1);
        nodes.all().forEach(node -> node.answer(FakeTritonNode.Answer.IMAGE));
        nodes.all().forEach(FakeTritonNode::releaseHeld);

        Fleet.get(after);
        assertThat(nodes.all()).allMatch(node -> !node.received().contains("abandoned"));
    }

    @Test
    void aRequestWhoseDeadlinePassesWhileWaitingFailsWithDeadlineExceeded() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blockingWithoutDeadline().modelInfer(request("expires")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(error.getStatus().getDescription())
                .isEqualTo("deadline passed while waiting for a free slot for stable_diffusion_1_5");
        fleet.awaitWaiting(0, 0);
        assertThat(nodes.all()).allMatch(node -> !node.received().contains("expires"));
    }

    @Test
    void aFullQueueRefusesWithResourceExhausted() {
        for (int i = 0; i < FakeTritonNodes.MAX_QUEUE; i++) {
            send("queued-" + i, Lane.BATCH);
        }
        fleet.awaitWaiting(0, FakeTritonNodes.MAX_QUEUE);

        ExecutionException error = catchThrowableOfType(ExecutionException.class,
                () -> Fleet.get(send("one-too-many", Lane.INTERACTIVE)));

        Status status = Status.fromThrowable(error.getCause());
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription())
                .isEqualTo("admission queue is full: 3 requests already wait for a free slot");
    }

    private ListenableFuture<ModelInferResponse> send(String id, Lane lane) {
        ListenableFuture<ModelInferResponse> call = balancer.future(lane).modelInfer(request(id));
        calls.add(call);
        return call;
    }
}
