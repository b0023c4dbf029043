package dev.heavyweight.gateway.events;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.gateway.client.UpstreamUnavailableException;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.security.Caller;
import dev.heavyweight.gateway.service.GenerationService;
import dev.heavyweight.gateway.service.PublicState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a task to end: reads it at once, then on every status hint for it and every poll interval
 * (so a lost hint only delays). A read that finds task-service unavailable is simply tried again at the
 * next wake-up; the caller bounds the whole wait.
 */
@Singleton
public class TaskWaiter {

    private final GenerationService generations;
    private final StatusHints hints;
    private final Duration pollInterval;

    TaskWaiter(GenerationService generations, StatusHints hints, GatewayConfig config) {
        this.generations = generations;
        this.hints = hints;
        this.pollInterval = config.openAi().pollInterval();
    }

    /** The task once it has ended; never completes on its own otherwise (bound it with a timeout). */
    public Uni<Task> ended(Caller caller, String taskId) {
        return Multi.createBy().merging().streams(
                        Multi.createFrom().item(0L),
                        hints.of(taskId).map(hint -> 0L),
                        Multi.createFrom().ticks().every(pollInterval).onOverflow().drop())
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(wakeup -> generations.get(caller, taskId)
                        .map(Optional::of)
                        .onFailure(UpstreamUnavailableException.class).recoverWithItem(Optional.empty()))
                .select().where(task -> task.isPresent() && PublicState.isFinished(task.get().getState()))
                .map(Optional::get)
                .toUni();
    }
}
