package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.TaskState;
import java.util.Locale;

/** How task states read in the public API: the exact state in lower case, and a coarse status. */
public final class PublicState {

    private static final String PREFIX = "TASK_STATE_";

    private PublicState() {
    }

    /** "queued", "running", "succeeded", ... */
    public static String state(TaskState state) {
        return state.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    /** "interactive" or "batch" (the lane's name in the public API). */
    public static String lane(dev.heavyweight.contracts.task.Lane lane) {
        return lane.name().substring("LANE_".length()).toLowerCase(Locale.ROOT);
    }

    /** accepted | in_progress | succeeded | failed. */
    public static String status(TaskState state) {
        return switch (state) {
            case TASK_STATE_ACCEPTED -> "accepted";
            case TASK_STATE_QUEUED, TASK_STATE_RUNNING -> "in_progress";
            case TASK_STATE_SUCCEEDED -> "succeeded";
            case TASK_STATE_FAILED, TASK_STATE_REJECTED, TASK_STATE_CANCELLED, TASK_STATE_EXPIRED -> "failed";
            case TASK_STATE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("task without a state");
        };
    }

    public static boolean isFinished(TaskState state) {
        return switch (state) {
            case TASK_STATE_SUCCEEDED, TASK_STATE_FAILED, TASK_STATE_REJECTED, TASK_STATE_CANCELLED,
                    TASK_STATE_EXPIRED -> true;
            default -> false;
        };
    }
}
