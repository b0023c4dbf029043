package dev.heavyweight.task.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskEventEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventWindowTest {

    private final TaskEventEntity accepted = event(1, null, TaskState.ACCEPTED, 0);
    private final TaskEventEntity queued = event(2, TaskState.ACCEPTED, TaskState.QUEUED, 1);
    private final TaskEventEntity running = event(3, TaskState.QUEUED, TaskState.RUNNING, 1);
    private final TaskEventEntity retried = event(4, TaskState.RUNNING, TaskState.QUEUED, 2);
    private final TaskEventEntity runningAgain = event(5, TaskState.QUEUED, TaskState.RUNNING, 2);

    @Test
    void keepsEveryRowWhenTheTaskShowsTheLastOne() {
        List<TaskEventEntity> rows = List.of(accepted, queued, running);

        assertThat(EventWindow.consistentWith(task(TaskState.RUNNING, 1), rows)).containsExactly(accepted, queued, running);
    }

    @Test
    void dropsRowsThatCommittedAfterTheTaskWasRead() {
        List<TaskEventEntity> rows = List.of(accepted, queued, running, retried, runningAgain);

        assertThat(EventWindow.consistentWith(task(TaskState.QUEUED, 1), rows)).containsExactly(accepted, queued);
        assertThat(EventWindow.consistentWith(task(TaskState.QUEUED, 2), rows))
                .containsExactly(accepted, queued, running, retried);
    }

    @Test
    void returnsNothingWhenEveryRowIsNewerThanTheTask() {
        assertThat(EventWindow.consistentWith(task(TaskState.QUEUED, 1), List.of(running, retried))).isEmpty();
        assertThat(EventWindow.consistentWith(task(TaskState.QUEUED, 1), List.of())).isEmpty();
    }

    private static TaskEntity task(TaskState state, int attempt) {
        TaskEntity task = new TaskEntity();
        task.state = state;
        task.attempt = attempt;
        return task;
    }

    private static TaskEventEntity event(long id, TaskState from, TaskState to, int attempt) {
        TaskEventEntity event = new TaskEventEntity();
        event.id = id;
        event.fromState = from;
        event.toState = to;
        event.attempt = attempt;
        return event;
    }
}
