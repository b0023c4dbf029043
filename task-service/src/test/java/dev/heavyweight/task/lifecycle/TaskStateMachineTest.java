package dev.heavyweight.task.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateMachineTest {

    private final TaskStateMachine machine = new TaskStateMachine();

    /** Every legal transition and the attempt after it (from attempt 1), written out independently of the implementation. */
    private static final List<Object[]> LEGAL = List.of(
            new Object[] {TaskState.ACCEPTED, Trigger.PROMPT_ALLOWED, TaskState.QUEUED, 1},
            new Object[] {TaskState.ACCEPTED, Trigger.PROMPT_BLOCKED, TaskState.REJECTED, 1},
            new Object[] {TaskState.ACCEPTED, Trigger.CANCEL, TaskState.CANCELLED, 1},
            new Object[] {TaskState.QUEUED, Trigger.CANCEL, TaskState.CANCELLED, 1},
            new Object[] {TaskState.RUNNING, Trigger.CANCEL, TaskState.CANCELLED, 1},
            new Object[] {TaskState.ACCEPTED, Trigger.DEADLINE_PASSED, TaskState.EXPIRED, 1},
            new Object[] {TaskState.QUEUED, Trigger.DEADLINE_PASSED, TaskState.EXPIRED, 1},
            new Object[] {TaskState.QUEUED, Trigger.STARTED, TaskState.RUNNING, 1},
            new Object[] {TaskState.RUNNING, Trigger.SUCCEEDED, TaskState.SUCCEEDED, 1},
            new Object[] {TaskState.QUEUED, Trigger.SUCCEEDED, TaskState.SUCCEEDED, 1},
            new Object[] {TaskState.RUNNING, Trigger.FAILED, TaskState.FAILED, 1},
            new Object[] {TaskState.QUEUED, Trigger.FAILED, TaskState.FAILED, 1},
            new Object[] {TaskState.RUNNING, Trigger.RETRY, TaskState.QUEUED, 2},
            new Object[] {TaskState.QUEUED, Trigger.RETRY, TaskState.QUEUED, 2},
            new Object[] {TaskState.RUNNING, Trigger.JOB_EXPIRED, TaskState.EXPIRED, 1},
            new Object[] {TaskState.QUEUED, Trigger.JOB_EXPIRED, TaskState.EXPIRED, 1},
            new Object[] {TaskState.RUNNING, Trigger.IMAGE_REJECTED, TaskState.REJECTED, 1},
            new Object[] {TaskState.QUEUED, Trigger.IMAGE_REJECTED, TaskState.REJECTED, 1});

    static Stream<Arguments> legalTransitions() {
        return LEGAL.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} --{1}--> {2} (attempt {3})")
    @MethodSource("legalTransitions")
    void appliesEveryLegalTransition(TaskState from, Trigger trigger, TaskState to, int attemptAfter) {
        Decision decision = machine.decide(from, 1, trigger, 1);

        assertThat(decision.verdict()).isEqualTo(Verdict.APPLIED);
        assertThat(decision.applied()).isTrue();
        assertThat(decision.from()).isEqualTo(from);
        assertThat(decision.to()).isEqualTo(to);
        assertThat(decision.attempt()).isEqualTo(attemptAfter);
        assertThat(decision.finishes()).isEqualTo(to.isTerminal());
    }

    static Stream<Arguments> illegalTransitions() {
        Set<String> legal = new HashSet<>();
        LEGAL.forEach(row -> legal.add(row[0] + "/" + row[1]));
        List<Arguments> illegal = new ArrayList<>();
        for (TaskState state : EnumSet.of(TaskState.ACCEPTED, TaskState.QUEUED, TaskState.RUNNING)) {
            for (Trigger trigger : Trigger.values()) {
                boolean special = trigger == Trigger.PROGRESS || (state == TaskState.RUNNING && trigger == Trigger.STARTED);
                if (!legal.contains(state + "/" + trigger) && !special) {
                    illegal.add(Arguments.of(state, trigger));
                }
            }
        }
        return illegal.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @MethodSource("illegalTransitions")
    void refusesEveryIllegalTransition(TaskState from, Trigger trigger) {
        Decision decision = machine.decide(from, 1, trigger, 1);

        assertThat(decision.verdict()).isEqualTo(Verdict.ILLEGAL_TRANSITION);
        assertThat(decision.to()).isEqualTo(from);
        assertThat(decision.attempt()).isEqualTo(1);
    }

    @Test
    void illegalTransitionsCoverTheRestOfTheTable() {
        // 3 live states x 11 triggers = 18 legal + 11 illegal + 3 progress + 1 started-while-running
        assertThat(illegalTransitions().count()).isEqualTo(3L * Trigger.values().length - LEGAL.size() - 3 - 1);
    }

    static Stream<Arguments> terminalStatesAndTriggers() {
        List<Arguments> all = new ArrayList<>();
        for (TaskState state : TaskState.values()) {
            if (state.isTerminal()) {
                for (Trigger trigger : Trigger.values()) {
                    all.add(Arguments.of(state, trigger));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} ignores {1}")
    @MethodSource("terminalStatesAndTriggers")
    void terminalStatesNeverChange(TaskState terminal, Trigger trigger) {
        Decision decision = machine.decide(terminal, 1, trigger, 2);

        assertThat(decision.verdict()).isEqualTo(Verdict.TERMINAL_STATE);
        assertThat(decision.applied()).isFalse();
        assertThat(decision.to()).isEqualTo(terminal);
        assertThat(decision.attempt()).isEqualTo(1);
    }

    @Test
    void terminalStatesAreExactlyTheFiveEnds() {
        assertThat(EnumSet.allOf(TaskState.class).stream().filter(TaskState::isTerminal))
                .containsExactlyInAnyOrder(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.REJECTED,
                        TaskState.CANCELLED, TaskState.EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"ACCEPTED", "QUEUED", "RUNNING"})
    void progressChangesNothing(TaskState state) {
        Decision decision = machine.decide(state, 1, Trigger.PROGRESS, 1);

        assertThat(decision.verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(decision.to()).isEqualTo(state);
    }

    @Test
    void duplicateSuccessAndLateFailureAfterSuccessAreIgnored() {
        Decision succeeded = machine.decide(TaskState.RUNNING, 1, Trigger.SUCCEEDED, 1);
        assertThat(succeeded.to()).isEqualTo(TaskState.SUCCEEDED);

        assertThat(machine.decide(succeeded.to(), 1, Trigger.SUCCEEDED, 1).verdict()).isEqualTo(Verdict.TERMINAL_STATE);
        assertThat(machine.decide(succeeded.to(), 1, Trigger.FAILED, 1).verdict()).isEqualTo(Verdict.TERMINAL_STATE);
        assertThat(machine.decide(succeeded.to(), 1, Trigger.STARTED, 2).verdict()).isEqualTo(Verdict.TERMINAL_STATE);
    }

    @Test
    void startOfAHigherAttemptKeepsRunningAndRecordsTheAttempt() {
        Decision decision = machine.decide(TaskState.RUNNING, 1, Trigger.STARTED, 2);

        assertThat(decision.verdict()).isEqualTo(Verdict.APPLIED);
        assertThat(decision.from()).isEqualTo(TaskState.RUNNING);
        assertThat(decision.to()).isEqualTo(TaskState.RUNNING);
        assertThat(decision.attempt()).isEqualTo(2);
        assertThat(decision.finishes()).isFalse();
    }

    @Test
    void repeatedStartOfTheSameAttemptIsADuplicate() {
        Decision decision = machine.decide(TaskState.RUNNING, 2, Trigger.STARTED, 2);

        assertThat(decision.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(decision.attempt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Trigger.class,
            names = {"STARTED", "PROGRESS", "SUCCEEDED", "FAILED", "RETRY", "JOB_EXPIRED", "IMAGE_REJECTED"})
    void workerEventsOfAnOlderAttemptAreStale(Trigger trigger) {
        for (TaskState state : EnumSet.of(TaskState.QUEUED, TaskState.RUNNING)) {
            Decision decision = machine.decide(state, 2, trigger, 1);

            assertThat(decision.verdict()).as("%s in %s", trigger, state).isEqualTo(Verdict.STALE_ATTEMPT);
            assertThat(decision.to()).isEqualTo(state);
            assertThat(decision.attempt()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @CsvSource({"QUEUED, STARTED, RUNNING", "RUNNING, SUCCEEDED, SUCCEEDED", "QUEUED, FAILED, FAILED"})
    void workerEventsOfANewerAttemptApplyAndRecordIt(TaskState from, Trigger trigger, TaskState to) {
        Decision decision = machine.decide(from, 1, trigger, 3);

        assertThat(decision.to()).isEqualTo(to);
        assertThat(decision.attempt()).isEqualTo(3);
    }

    @Test
    void enqueuingRecordsTheFirstAttempt() {
        Decision decision = machine.decide(TaskState.ACCEPTED, 0, Trigger.PROMPT_ALLOWED, 1);

        assertThat(decision.to()).isEqualTo(TaskState.QUEUED);
        assertThat(decision.attempt()).isEqualTo(1);
    }

    @Test
    void ownTriggersIgnoreAttemptNumbers() {
        Decision decision = machine.decide(TaskState.RUNNING, 3, Trigger.CANCEL, 0);

        assertThat(decision.to()).isEqualTo(TaskState.CANCELLED);
        assertThat(decision.attempt()).isEqualTo(3);
    }

    @Test
    void retryPutsTheNextAttemptOnTheLaneFromEitherLiveState() {
        Decision fromRunning = machine.decide(TaskState.RUNNING, 1, Trigger.RETRY, 1);
        Decision overtaking = machine.decide(TaskState.QUEUED, 2, Trigger.RETRY, 2);

        assertThat(fromRunning.to()).isEqualTo(TaskState.QUEUED);
        assertThat(fromRunning.attempt()).isEqualTo(2);
        assertThat(fromRunning.finishes()).isFalse();
        assertThat(overtaking.to()).isEqualTo(TaskState.QUEUED);
        assertThat(overtaking.attempt()).isEqualTo(3);
    }

    @Test
    void eventsOfTheAttemptBeforeARetryAreStale() {
        Decision retried = machine.decide(TaskState.RUNNING, 1, Trigger.RETRY, 1);

        assertThat(machine.decide(retried.to(), retried.attempt(), Trigger.RETRY, 1).verdict())
                .isEqualTo(Verdict.STALE_ATTEMPT);
        assertThat(machine.decide(retried.to(), retried.attempt(), Trigger.STARTED, 1).verdict())
                .isEqualTo(Verdict.STALE_ATTEMPT);
        assertThat(machine.decide(retried.to(), retried.attempt(), Trigger.STARTED, 2).to()).isEqualTo(TaskState.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"ACCEPTED", "QUEUED"})
    void waitingTasksExpireWhenTheirDeadlinePasses(TaskState waiting) {
        Decision decision = machine.decide(waiting, 0, Trigger.DEADLINE_PASSED, 0);

        assertThat(decision.to()).isEqualTo(TaskState.EXPIRED);
        assertThat(decision.finishes()).isTrue();
    }

    @Test
    void aRunningTaskIsExpiredOnlyByItsWorker() {
        assertThat(machine.decide(TaskState.RUNNING, 1, Trigger.DEADLINE_PASSED, 0).verdict())
                .isEqualTo(Verdict.ILLEGAL_TRANSITION);
        assertThat(machine.decide(TaskState.RUNNING, 1, Trigger.JOB_EXPIRED, 1).to()).isEqualTo(TaskState.EXPIRED);
    }
}
