package dev.heavyweight.gateway.rest;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.StageTimings;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import java.util.UUID;

/** Tasks as task-service would return them, for scripting {@link ScriptedTaskService}. */
public final class Tasks {

    private Tasks() {
    }

    /** A batch SDXL task of {@link Api#TENANT} in {@code state}, with fixed timestamps and timings. */
    public static Task task(TaskState state) {
        return Task.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setTenant(Api.TENANT)
                .setUser(Api.USER)
                .setState(state)
                .setLane(Lane.LANE_BATCH)
                .setModel("stable_diffusion_xl")
                .setWidth(1024).setHeight(1024).setSteps(30).setSeed(7).setAttempt(2)
                .setCreatedAtMs(1_700_000_000_000L)
                .setUpdatedAtMs(1_700_000_005_000L)
                .setQueuedAtMs(1_700_000_000_250L)
                .setStartedAtMs(1_700_000_001_000L)
                .setTimings(StageTimings.newBuilder().setModerationMs(250).setQueueWaitMs(750))
                .build();
    }
}
