package dev.heavyweight.task.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Warns about a recurring problem at most once per interval and topic (repeats go to DEBUG), so an
 * outage of minutes shows up as a few lines, plus one line when the problem is gone.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

    public ThrottledLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    public void warn(String topic, String message) {
        long now = System.nanoTime();
        Long last = lastWarned.get(topic);
        if (last == null || now - last >= intervalNanos) {
            lastWarned.put(topic, now);
            log.warn(message);
        } else {
            log.debug(message);
        }
    }

    /** Logs {@code message} once if {@code topic} was warned about since it last recovered. */
    public void recovered(String topic, String message) {
        if (lastWarned.remove(topic) != null) {
            log.info(message);
        }
    }
}
