package dev.heavyweight.worker.service;

import static dev.heavyweight.contracts.messages.Lane.BATCH;
import static dev.heavyweight.contracts.messages.Lane.INTERACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.contracts.messages.Lane;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotDispatcherTest {

    @Test
    void grantsAtOnceWhileSlotsAreFree() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(3, 1);

        assertThat(slots.submit(INTERACTIVE, "i1")).containsExactly("i1");
        assertThat(slots.submit(BATCH, "b1")).containsExactly("b1");
        assertThat(slots.submit(INTERACTIVE, "i2")).containsExactly("i2");

        assertThat(slots.running(INTERACTIVE)).isEqualTo(2);
        assertThat(slots.running(BATCH)).isEqualTo(1);
    }

    @Test
    void neverRunsMoreThanTheSlots() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(2, 1);
        slots.submit(INTERACTIVE, "i1");
        slots.submit(INTERACTIVE, "i2");

        assertThat(slots.submit(INTERACTIVE, "i3")).isEmpty();

        assertThat(slots.waiting(INTERACTIVE)).isEqualTo(1);
        assertThat(slots.release(INTERACTIVE)).containsExactly("i3");
        assertThat(slots.running(INTERACTIVE)).isEqualTo(2);
    }

    @Test
    void batchWaitsAtItsCapWhileInteractiveStillRuns() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(3, 1);
        slots.submit(BATCH, "b1");

        assertThat(slots.submit(BATCH, "b2")).as("batch is at its cap with two slots free").isEmpty();
        assertThat(slots.submit(INTERACTIVE, "i1")).containsExactly("i1");
        assertThat(slots.submit(INTERACTIVE, "i2")).containsExactly("i2");

        assertThat(slots.release(BATCH)).containsExactly("b2");
    }

    @Test
    void aFreedSlotGoesToInteractiveWhenBothLanesWait() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(3, 2);
        slots.submit(BATCH, "b1");
        slots.submit(INTERACTIVE, "i1");
        slots.submit(INTERACTIVE, "i2");
        slots.submit(BATCH, "b2");
        slots.submit(INTERACTIVE, "i3");

        assertThat(slots.release(BATCH)).as("a batch slot freed, interactive first").containsExactly("i3");
        assertThat(slots.release(INTERACTIVE)).containsExactly("b2");
    }

    @Test
    void eachLaneIsServedInArrivalOrder() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(2, 1);
        slots.submit(INTERACTIVE, "i1");
        slots.submit(INTERACTIVE, "i2");
        slots.submit(INTERACTIVE, "i3");
        slots.submit(INTERACTIVE, "i4");

        assertThat(slots.release(INTERACTIVE)).containsExactly("i3");
        assertThat(slots.release(INTERACTIVE)).containsExactly("i4");
    }

    @Test
    void withdrawnTicketsNeverStart() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(2, 1);
        slots.submit(INTERACTIVE, "i1");
        slots.submit(INTERACTIVE, "i2");
        slots.submit(INTERACTIVE, "i3");
        slots.submit(BATCH, "b1");

        assertThat(slots.withdraw(INTERACTIVE, "i3")).isTrue();
        assertThat(slots.withdraw(INTERACTIVE, "i1")).as("already running").isFalse();
        assertThat(slots.withdrawAll()).containsExactly("b1");
        assertThat(slots.release(INTERACTIVE)).isEmpty();
        assertThat(slots.waiting(INTERACTIVE) + slots.waiting(BATCH)).isZero();
    }

    @Test
    void releasingASlotNobodyHoldsIsRefused() {
        SlotDispatcher<String> slots = new SlotDispatcher<>(2, 1);

        assertThatThrownBy(() -> slots.release(BATCH)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchCapMustLeaveInteractiveAtLeastOneSlot() {
        assertThatThrownBy(() -> new SlotDispatcher<String>(3, 3)).hasMessageContaining("below slots");
        assertThatThrownBy(() -> new SlotDispatcher<String>(3, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SlotDispatcher<String>(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomWorkNeverExceedsSlotsOrTheBatchCapAndNeverStarvesAWaitingInteractiveJob() {
        int total = 4;
        int batchCap = 2;
        SlotDispatcher<Lane> slots = new SlotDispatcher<>(total, batchCap);
        Random random = new Random(42);
        List<Lane> running = new ArrayList<>();
        for (int step = 0; step < 10_000; step++) {
            if (running.isEmpty() || random.nextInt(3) > 0) {
                Lane lane = random.nextBoolean() ? INTERACTIVE : BATCH;
                running.addAll(slots.submit(lane, lane));
            } else {
                Lane done = running.remove(random.nextInt(running.size()));
                running.addAll(slots.release(done));
            }
            long batch = running.stream().filter(BATCH::equals).count();
            assertThat(running).hasSizeLessThanOrEqualTo(total);
            assertThat(batch).isLessThanOrEqualTo(batchCap);
            assertThat(running.size()).isEqualTo(slots.running(INTERACTIVE) + slots.running(BATCH));
            if (slots.waiting(INTERACTIVE) > 0) {
                assertThat(running).as("interactive waits only while every slot is busy").hasSize(total);
            }
        }
    }
}
