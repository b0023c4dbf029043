package dev.heavyweight.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskEvent;
import dev.heavyweight.contracts.task.TaskState;
import org.junit.jupiter.api.Test;

class EventCursorTest {

    private static ListEventsResponse answer(TaskState now, long... ids) {
        TaskState[] order = {TaskState.TASK_STATE_ACCEPTED, TaskState.TASK_STATE_QUEUED, TaskState.TASK_STATE_RUNNING,
                TaskState.TASK_STATE_SUCCEEDED};
        ListEventsResponse.Builder answer = ListEventsResponse.newBuilder()
                .setTask(Task.newBuilder().setId("t").setState(now).setImageKey("k"));
        for (long id : ids) {
            answer.addEvents(TaskEvent.newBuilder().setId(id).setState(order[(int) id - 1]));
        }
        return answer.build();
    }

    @Test
    void aNewStreamOpensWithTheCurrentStateAsOfTheLatestChange() {
        EventCursor cursor = new EventCursor(null);

        assertThat(cursor.open(answer(TaskState.TASK_STATE_QUEUED, 1, 2)))
                .extracting(StreamItem.Change::id, StreamItem.Change::state).containsExactly(tuple(2L, "queued"));
        assertThat(cursor.lastId()).isEqualTo(2);
        assertThat(cursor.done()).isFalse();
    }

    @Test
    void laterReadsSendOnlyWhatIsNewAndStopAtTheEnd() {
        EventCursor cursor = new EventCursor(null);
        cursor.open(answer(TaskState.TASK_STATE_ACCEPTED, 1));

        assertThat(cursor.next(answer(TaskState.TASK_STATE_RUNNING, 1, 2, 3)))
                .extracting(StreamItem.Change::state).containsExactly("queued", "running");
        assertThat(cursor.next(answer(TaskState.TASK_STATE_RUNNING, 2, 3))).isEmpty();
        var last = cursor.next(answer(TaskState.TASK_STATE_SUCCEEDED, 3, 4));
        assertThat(last).extracting(StreamItem.Change::state).containsExactly("succeeded");
        assertThat(last.get(0).document().imageUrl()).isEqualTo("/v1/generations/t/image");
        assertThat(cursor.done()).isTrue();
    }

    @Test
    void replayedChangesShowTheirOwnStateWithoutAnImage() {
        EventCursor cursor = new EventCursor(1L);

        var changes = cursor.open(answer(TaskState.TASK_STATE_SUCCEEDED, 2, 3, 4));

        assertThat(changes).extracting(StreamItem.Change::state).containsExactly("queued", "running", "succeeded");
        assertThat(changes.get(0).document().status()).isEqualTo("in_progress");
        assertThat(changes.get(0).document().imageUrl()).isNull();
        assertThat(cursor.done()).isTrue();
    }

    @Test
    void resumingAfterTheEndSendsNothingAndEnds() {
        EventCursor cursor = new EventCursor(4L);

        assertThat(cursor.open(answer(TaskState.TASK_STATE_SUCCEEDED))).isEmpty();
        assertThat(cursor.done()).isTrue();
        assertThat(cursor.lastId()).isEqualTo(4);
    }
}
