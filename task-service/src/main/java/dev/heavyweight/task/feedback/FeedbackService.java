package dev.heavyweight.task.feedback;

import dev.heavyweight.task.metrics.QualityMetrics;

import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.TaskClock;
import dev.heavyweight.task.service.TaskIds;
import dev.heavyweight.task.service.TaskNotFoundException;
import dev.heavyweight.task.service.TextFields;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What users tell about results and how results leave: feedback (one per user and task, the last wins) and
 * downloads. The first download, or the first feedback that accepts, marks a succeeded task accepted (task
 * success); a rating is recorded for CSAT ({@link QualityMetrics}).
 */
@ApplicationScoped
public class FeedbackService {

    /** Channels are short lower-case names ("redirect", "stream", "b64_json"); new ones need no release here. */
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_]{1,32}");

    private final FeedbackRepository repository;
    private final TaskClock clock;
    private final QualityMetrics metrics;

    FeedbackService(FeedbackRepository repository, TaskClock clock, QualityMetrics metrics) {
        this.repository = repository;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The stored feedback; {@link TaskNotFoundException} for another tenant's or an unknown task. */
    public Uni<StoredFeedback> put(String tenant, String id, FeedbackInput input) {
        return Uni.createFrom().deferred(() -> {
            UUID taskId = TaskIds.parse(id);
            return repository.upsert(tenant, taskId, input, clock.now())
                    .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                    .call(stored -> Boolean.TRUE.equals(input.accepted()) ? accepted(tenant, taskId) : Uni.createFrom().voidItem())
                    .call(stored -> input.rating() == null ? Uni.createFrom().voidItem()
                            : repository.laneModel(tenant, taskId).invoke(task -> {
                                if (task != null) {
                                    metrics.rated(task.lane(), task.model(), input.rating());
                                }
                            }));
        });
    }

    private Uni<Void> accepted(String tenant, UUID taskId) {
        return repository.markAccepted(tenant, taskId, clock.now()).invoke(task -> {
            if (task != null) {
                metrics.accepted(task.lane(), task.model());
            }
        }).replaceWithVoid();
    }

    /** Downloads of the task so far, this one included. */
    public Uni<Long> recordDownload(String tenant, String id, String user, String channel) {
        return Uni.createFrom().deferred(() -> {
            UUID taskId = TaskIds.parse(id);
            if (channel == null || !CHANNEL.matcher(channel).matches()) {
                throw new InvalidFieldException("channel", "must be a short lower-case name such as redirect, stream or b64_json");
            }
            String who = TextFields.label("user", user == null ? "" : user, FeedbackInput.MAX_USER_LENGTH);
            return repository.recordDownload(tenant, taskId, who, channel, clock.now()).map(downloads -> {
                if (downloads < 0) {
                    throw new TaskNotFoundException(id);
                }
                return downloads;
            }).call(downloads -> accepted(tenant, taskId));
        });
    }
}
