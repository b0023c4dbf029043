package dev.heavyweight.emulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class NodeFaultsTest {

    @Test
    void failNextFailsExactlyThatManyRequests() {
        NodeFaults faults = new NodeFaults(0, Status.Code.UNAVAILABLE);
        faults.set(2, 0, Status.Code.INTERNAL);
        assertThat(faults.draw()).hasValueSatisfying(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL));
        assertThat(faults.draw()).isPresent();
        assertThat(faults.draw()).isEmpty();
        assertThat(faults.failNext()).isZero();
    }

    @Test
    void rateOneAlwaysFailsAndRateZeroNever() {
        NodeFaults always = new NodeFaults(1.0, Status.Code.UNAVAILABLE);
        NodeFaults never = new NodeFaults(0.0, Status.Code.UNAVAILABLE);
        for (int i = 0; i < 50; i++) {
            assertThat(always.draw()).isPresent();
            assertThat(never.draw()).isEmpty();
        }
    }

    @Test
    void rejectsNonsense() {
        NodeFaults faults = new NodeFaults(0, Status.Code.UNAVAILABLE);
        assertThatThrownBy(() -> faults.set(-1, 0, Status.Code.UNAVAILABLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.set(0, 1.5, Status.Code.UNAVAILABLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.set(0, 0, Status.Code.OK)).isInstanceOf(IllegalArgumentException.class);
    }
}
