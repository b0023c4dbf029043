package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.contracts.task.ListEventsResponse;
import dev.heavyweight.contracts.task.ListResponse;
import dev.heavyweight.contracts.task.TaskEvent;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.Tenant;
import dev.heavyweight.task.feedback.FeedbackInput;
import dev.heavyweight.task.feedback.StoredFeedback;
import dev.heavyweight.task.queries.TaskHistory;
import dev.heavyweight.task.queries.TaskPage;
import dev.heavyweight.task.repository.TaskEventEntity;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.tenants.TenantStanding;

/** Translates pages, histories, feedback and tenants between {@code heavyweight.task.v1} and task-service. */
final class RecordProtoMapper {

    private RecordProtoMapper() {
    }

    /** Null for "any state"; {@link InvalidFieldException} for a value this version does not know. */
    static dev.heavyweight.task.lifecycle.TaskState state(TaskState state) {
        return switch (state) {
            case TASK_STATE_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw new InvalidFieldException("state", "is not a task state");
            default -> dev.heavyweight.task.lifecycle.TaskState.valueOf(state.name().substring("TASK_STATE_".length()));
        };
    }

    static ListResponse toProto(TaskPage page) {
        ListResponse.Builder response = ListResponse.newBuilder()
                .setNextCursor(page.next() == null ? "" : page.next().encode());
        page.tasks().forEach(task -> response.addTasks(TaskProtoMapper.toProto(task)));
        return response.build();
    }

    static ListEventsResponse toProto(TaskHistory history) {
        ListEventsResponse.Builder response = ListEventsResponse.newBuilder()
                .setTask(TaskProtoMapper.toProto(history.task()));
        history.events().forEach(event -> response.addEvents(toProto(event)));
        return response.build();
    }

    static FeedbackInput toInput(FeedbackRequest request) {
        return new FeedbackInput(request.getUser(),
                request.hasAccepted() ? request.getAccepted() : null,
                request.hasRating() ? request.getRating() : null,
                request.hasComment() ? request.getComment() : null);
    }

    static Feedback toProto(StoredFeedback feedback) {
        Feedback.Builder proto = Feedback.newBuilder()
                .setTaskId(feedback.taskId().toString())
                .setUser(feedback.user())
                .setUpdatedAtMs(feedback.updatedAt().toEpochMilli());
        if (feedback.accepted() != null) {
            proto.setAccepted(feedback.accepted());
        }
        if (feedback.rating() != null) {
            proto.setRating(feedback.rating());
        }
        if (feedback.comment() != null) {
            proto.setComment(feedback.comment());
        }
        return proto.build();
    }

    static Tenant toProto(TenantStanding standing) {
        return Tenant.newBuilder()
                .setTenant(standing.tenant())
                .setTier(standing.tier().name())
                .setPriority(standing.tier().priority())
                .setRatePerSecond(standing.tier().ratePerSecond())
                .setBurst(standing.tier().burst())
                .setMaxUnfinished(standing.tier().maxUnfinished())
                .setUnfinished((int) Math.min(Integer.MAX_VALUE, standing.unfinished()))
                .setWebhookSecret(standing.webhookSecret())
                .build();
    }

    private static TaskEvent toProto(TaskEventEntity event) {
        return TaskEvent.newBuilder()
                .setId(event.id)
                .setFromState(event.fromState == null ? TaskState.TASK_STATE_UNSPECIFIED : TaskProtoMapper.toProto(event.fromState))
                .setState(TaskProtoMapper.toProto(event.toState))
                .setAttempt(event.attempt)
                .setOccurredAtMs(event.occurredAt.toEpochMilli())
                .setReason(event.reason == null ? "" : event.reason)
                .setDetail(event.detail == null ? "" : event.detail)
                .build();
    }
}
