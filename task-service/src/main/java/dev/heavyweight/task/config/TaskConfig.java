package dev.heavyweight.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How task-service accepts, enqueues and tracks tasks. */
@ConfigMapping(prefix = "heavyweight.task")
public interface TaskConfig {

    /** How long after submission a task may still start; becomes the job's deadline. */
    @WithDefault("1h")
    Duration ttl();

    /** Job priorities inside each lane. */
    Priority priority();

    /** Worker event consumption. */
    Events events();

    /** The prompt-moderation call. */
    Moderation moderation();

    interface Priority {

        /** AMQP priority (0..10) of a first-attempt job on the interactive lane. */
        @WithDefault("5")
        int interactive();

        /** AMQP priority (0..10) of a first-attempt job on the batch lane. */
        @WithDefault("5")
        int batch();
    }

    interface Events {

        /** Worker events task-service works on at once (unacknowledged deliveries). */
        @WithDefault("32")
        int prefetch();
    }

    interface Moderation {

        /** Longest wait for moderation-service's verdict on a prompt. */
        @WithDefault("5s")
        Duration deadline();
    }
}
