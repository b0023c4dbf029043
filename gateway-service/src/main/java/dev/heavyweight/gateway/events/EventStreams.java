package dev.heavyweight.gateway.events;

import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.metrics.GatewayMetrics;
import dev.heavyweight.gateway.security.Caller;
import dev.heavyweight.gateway.service.GenerationService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Live status streams of generations. A stream opens with a read of the task's changes (so an unknown or
 * foreign task fails before anything is sent), then reads again whenever a status hint for the task
 * arrives or a heartbeat interval passes, sending what is new; it ends after the terminal change. Reads
 * of one stream never overlap, and hints that arrive during a read collapse into one more read.
 */
@Singleton
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    private enum Wakeup {
        HINT,
        HEARTBEAT
    }

    private final TaskClient tasks;
    private final StatusHints hints;
    private final Duration heartbeat;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();

    EventStreams(TaskClient tasks, StatusHints hints, GatewayConfig config, GatewayMetrics metrics) {
        this.tasks = tasks;
        this.hints = hints;
        this.heartbeat = config.events().heartbeat();
        this.maxStreams = config.events().maxStreams();
        metrics.eventStreams(open::get);
    }

    /**
     * The stream of one of the caller's generations, resumed after {@code lastEventId} when not null.
     * Fails with {@link TaskNotFoundException} or {@link StreamLimitException} before streaming.
     */
    public Uni<Multi<StreamItem>> open(Caller caller, String id, Long lastEventId) {
        return GenerationService.canonicalId(id).flatMap(taskId -> {
            if (open.incrementAndGet() > maxStreams) {
                open.decrementAndGet();
                return Uni.createFrom().failure(new StreamLimitException(maxStreams));
            }
            EventCursor cursor = new EventCursor(lastEventId);
            return read(caller, taskId, cursor)
                    .onFailure().invoke(open::decrementAndGet)
                    .map(first -> {
                        List<StreamItem> opening = List.copyOf(cursor.open(first));
                        Multi<StreamItem> rest = cursor.done() ? Multi.createFrom().empty() : live(caller, taskId, cursor);
                        return Multi.createBy().concatenating()
                                .streams(Multi.createFrom().iterable(opening), rest)
                                .onTermination().invoke(open::decrementAndGet);
                    });
        });
    }

    /** Streams open on this replica now. */
    public int openStreams() {
        return open.get();
    }

    private Multi<StreamItem> live(Caller caller, String taskId, EventCursor cursor) {
        // One read right after the hint subscription exists: a change committed between the opening read
        // and that subscription would otherwise wait for the next heartbeat.
        Multi<Wakeup> wakeups = Multi.createBy().merging().streams(
                        hints.of(taskId).map(hint -> Wakeup.HINT),
                        Multi.createFrom().ticks().every(heartbeat).onOverflow().drop().map(tick -> Wakeup.HEARTBEAT),
                        Multi.createFrom().item(Wakeup.HINT))
                .onOverflow().dropPreviousItems();
        return wakeups
                .onItem().transformToMultiAndConcatenate(wakeup -> catchUp(caller, taskId, cursor, wakeup))
                .select().first(item -> !(item instanceof End));
    }

    /** Marks the end after the terminal change, so the stream completes right after sending it. */
    private record End() implements StreamItem {
    }

    private Multi<StreamItem> catchUp(Caller caller, String taskId, EventCursor cursor, Wakeup wakeup) {
        Uni<List<StreamItem>> changes = read(caller, taskId, cursor)
                .map(answer -> {
                    List<StreamItem> items = new ArrayList<>(cursor.next(answer));
                    if (cursor.done()) {
                        items.add(new End());
                    }
                    return items;
                })
                .onFailure(TaskNotFoundException.class).recoverWithItem(() -> List.of(new End()))
                .onFailure().recoverWithItem(failure -> {
                    // The next hint or heartbeat reads again; nothing is lost meanwhile.
                    LOG.debugf("catching up with task %s failed: %s", taskId, failure.getMessage());
                    return List.of();
                });
        Multi<StreamItem> sent = changes.onItem().transformToMulti(items -> Multi.createFrom().iterable(items));
        return wakeup == Wakeup.HEARTBEAT
                ? Multi.createBy().concatenating().streams(Multi.createFrom().item(new StreamItem.Heartbeat()), sent)
                : sent;
    }

    private Uni<ListEventsResponse> read(Caller caller, String taskId, EventCursor cursor) {
        return tasks.listEvents(caller.tenant(), taskId, cursor.lastId());
    }
}
