package dev.heavyweight.emulator.service;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeFaultsTest {

    @Test
    void failNextFailsExactlyThatManyRequests() {
        NodeFaults faults = new NodeFaults(plan(2, 0, Status.Code.INTERNAL, false, 0, 0), new ScriptedRandom());

        Fault first = faults.draw();
        assertThat(first.fails()).isTrue();
        assertThat(first.status().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(faults.draw().fails()).isTrue();
        assertThat(faults.draw().kind()).isEqualTo(Fault.Kind.NONE);
        assertThat(faults.plan().failNext()).isZero();
    }

    @Test
    void rateOneAlwaysFailsAndRateZeroNever() {
        NodeFaults always = new NodeFaults(plan(0, 1.0, Status.Code.UNAVAILABLE, false, 0, 0), new java.util.Random());
        NodeFaults never = new NodeFaults(FaultPlan.NONE, new java.util.Random());
        for (int i = 0; i < 50; i++) {
            assertThat(always.draw().fails()).isTrue();
            assertThat(never.draw().kind()).isEqualTo(Fault.Kind.NONE);
        }
    }

    @Test
    void hangHangsEveryRequestUntilCleared() {
        NodeFaults faults = new NodeFaults(plan(0, 0, Status.Code.UNAVAILABLE, true, 0, 0), new ScriptedRandom());

        for (int i = 0; i < 5; i++) {
            assertThat(faults.draw().hangs()).isTrue();
        }
        faults.set(FaultPlan.NONE);
        assertThat(faults.draw().kind()).isEqualTo(Fault.Kind.NONE);
    }

    @Test
    void hangNextHangsExactlyThatManyAfterTheFailuresAreSpent() {
        NodeFaults faults = new NodeFaults(plan(1, 0, Status.Code.UNAVAILABLE, false, 2, 0), new ScriptedRandom());

        assertThat(faults.draw().fails()).isTrue();
        assertThat(faults.draw().hangs()).isTrue();
        assertThat(faults.draw().hangs()).isTrue();
        assertThat(faults.draw().kind()).isEqualTo(Fault.Kind.NONE);
        assertThat(faults.plan().hangNext()).isZero();
    }

    @Test
    void hangRateHangsWhenTheDiceSaySo() {
        NodeFaults faults = new NodeFaults(plan(0, 0.1, Status.Code.UNAVAILABLE, false, 0, 0.5),
                new ScriptedRandom(0.5, 0.2, 0.5, 0.7, 0.05));

        assertThat(faults.draw().hangs()).as("no failure (0.5 >= 0.1), hang (0.2 < 0.5)").isTrue();
        assertThat(faults.draw().kind()).as("no failure, no hang (0.7 >= 0.5)").isEqualTo(Fault.Kind.NONE);
        assertThat(faults.draw().fails()).as("failure (0.05 < 0.1)").isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> plan(-1, 0, Status.Code.UNAVAILABLE, false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(0, 1.5, Status.Code.UNAVAILABLE, false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(0, 0, Status.Code.OK, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(0, 0, Status.Code.UNAVAILABLE, false, -2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(0, 0, Status.Code.UNAVAILABLE, false, 0, -0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static FaultPlan plan(int failNext, double failRate, Status.Code status, boolean hang, int hangNext,
                                  double hangRate) {
        return new FaultPlan(failNext, failRate, status, hang, hangNext, hangRate);
    }
}
