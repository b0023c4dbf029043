package dev.heavyweight.task.messaging;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ConfirmedPublisher;
import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.service.TaskClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Puts a task's job on its lane; completes once the broker has confirmed it. */
@ApplicationScoped
public class JobPublisher {

    private final ConfirmedPublisher publisher;
    private final TaskClock clock;
    private final int maxAttempts;

    JobPublisher(ConfirmedPublisher publisher, TaskClock clock, TaskConfig config) {
        this.publisher = publisher;
        this.clock = clock;
        this.maxAttempts = config.maxAttempts();
    }

    /**
     * Publishes the job of the task's current attempt with the task's priority as the AMQP priority;
     * fails with the broker's problem (unreachable, unconfirmed, or no lane bound), on the caller's context.
     */
    public Uni<Void> publish(TaskEntity task) {
        Lane lane = Lane.fromName(task.lane).orElseThrow(() -> new IllegalStateException("unknown lane " + task.lane));
        JobMessage job = new JobMessage(
                JobMessage.SCHEMA,
                task.id.toString(),
                task.tenant,
                task.attempt,
                lane.routingKey(),
                task.priority,
                task.model,
                task.prompt,
                task.negativePrompt,
                task.width,
                task.height,
                task.steps,
                task.seed,
                clock.now().toEpochMilli(),
                task.deadlineAt.toEpochMilli(),
                maxAttempts);
        return publisher.publishJson(Topology.JOBS_EXCHANGE, lane.routingKey(), job, task.priority, Map.of());
    }
}
