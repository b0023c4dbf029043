package dev.heavyweight.gateway.events;

import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.TaskEvent;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.service.PublicState;
import dev.heavyweight.gateway.service.StatusDocuments;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one live stream stands: the id of the last change it sent, and whether the task has ended. Turns
 * task-service's ListEvents answers into the changes still to send, so that every change is sent once,
 * in order, whether a status hint or a heartbeat prompted the read. Not thread-safe: reads are serialised.
 */
final class EventCursor {

    private final boolean resuming;
    private long lastId;
    private boolean done;

    /** @param resumeAfter the client's Last-Event-ID, or null for a new stream */
    EventCursor(Long resumeAfter) {
        this.resuming = resumeAfter != null;
        this.lastId = resumeAfter == null ? 0 : resumeAfter;
    }

    /**
     * The opening: a new stream starts with the task's current state at once (as of its latest change);
     * a resumed one with the changes after the client's last id.
     */
    List<StreamItem.Change> open(ListEventsResponse answer) {
        if (resuming) {
            return next(answer);
        }
        List<TaskEvent> events = answer.getEventsList();
        lastId = events.isEmpty() ? 0 : events.get(events.size() - 1).getId();
        TaskState state = answer.getTask().getState();
        done = PublicState.isFinished(state);
        return List.of(new StreamItem.Change(lastId, PublicState.state(state), StatusDocuments.of(answer.getTask())));
    }

    /** The changes after the last one sent, up to and including the terminal one. */
    List<StreamItem.Change> next(ListEventsResponse answer) {
        List<StreamItem.Change> changes = new ArrayList<>();
        for (TaskEvent event : answer.getEventsList()) {
            if (done) {
                break;
            }
            if (event.getId() <= lastId || event.getState() == TaskState.TASK_STATE_UNSPECIFIED) {
                continue;
            }
            lastId = event.getId();
            changes.add(new StreamItem.Change(event.getId(), PublicState.state(event.getState()),
                    StatusDocuments.of(answer.getTask(), event.getState())));
            done = PublicState.isFinished(event.getState());
        }
        // An ended task with nothing new: its terminal change was sent before (a resume after the end).
        if (changes.isEmpty() && PublicState.isFinished(answer.getTask().getState())) {
            done = true;
        }
        return changes;
    }

    long lastId() {
        return lastId;
    }

    /** The terminal change has been sent: the stream ends. */
    boolean done() {
        return done;
    }
}
