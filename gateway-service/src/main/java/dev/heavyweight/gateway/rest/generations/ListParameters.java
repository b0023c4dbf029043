package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.rest.FieldError;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.TextChecks;
import dev.heavyweight.gateway.service.GenerationQuery;
import dev.heavyweight.gateway.service.PublicState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The query parameters of GET /v1/generations, checked all at once; each bad one is named in the 400. */
final class ListParameters {

    static final int MAX_LIMIT = 100;
    static final int MAX_CURSOR_CHARS = 1024;

    private static final List<TaskState> STATES = Arrays.stream(TaskState.values())
            .filter(s -> s != TaskState.TASK_STATE_UNSPECIFIED && s != TaskState.UNRECOGNIZED).toList();

    private ListParameters() {
    }

    static GenerationQuery parse(String state, String lane, String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        TaskState taskState = state == null ? TaskState.TASK_STATE_UNSPECIFIED : state(state).orElseGet(() -> {
            errors.add(new FieldError("state", "must be one of "
                    + STATES.stream().map(PublicState::state).collect(Collectors.joining(", "))));
            return TaskState.TASK_STATE_UNSPECIFIED;
        });
        Lane taskLane = Lane.LANE_UNSPECIFIED;
        if ("interactive".equals(lane)) {
            taskLane = Lane.LANE_INTERACTIVE;
        } else if ("batch".equals(lane)) {
            taskLane = Lane.LANE_BATCH;
        } else if (lane != null) {
            errors.add(new FieldError("lane", "must be interactive or batch"));
        }
        int pageSize = 0;
        if (limit != null) {
            pageSize = limit(limit);
            if (pageSize == 0) {
                errors.add(new FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
            }
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS
                || TextChecks.hasControlCharacter(cursor))) {
            errors.add(new FieldError("cursor", "must be the next_cursor of an earlier page"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new GenerationQuery(taskState, taskLane, pageSize, cursor == null ? "" : cursor);
    }

    private static Optional<TaskState> state(String name) {
        return STATES.stream().filter(s -> PublicState.state(s).equals(name)).findFirst();
    }

    /** The limit, or 0 when it is not an integer in range. */
    private static int limit(String text) {
        if (!text.matches("[0-9]{1,3}")) {
            return 0;
        }
        int value = Integer.parseInt(text);
        return value >= 1 && value <= MAX_LIMIT ? value : 0;
    }
}
