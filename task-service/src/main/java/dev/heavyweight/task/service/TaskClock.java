package dev.heavyweight.task.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time stamped on tasks: milliseconds, the API's resolution, so stored and returned values agree. */
@ApplicationScoped
public class TaskClock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
