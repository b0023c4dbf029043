package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.FeedbackRequest;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Stores users' feedback on their tenant's generations (one per user and generation, the last one wins). */
@Singleton
public class FeedbackService {

    private final TaskClient tasks;

    FeedbackService(TaskClient tasks) {
        this.tasks = tasks;
    }

    public Uni<Feedback> put(Caller caller, String id, FeedbackInput input) {
        return GenerationService.canonicalId(id).flatMap(valid -> {
            FeedbackRequest.Builder request = FeedbackRequest.newBuilder()
                    .setTenant(caller.tenant()).setId(valid).setUser(caller.user());
            if (input.accepted() != null) {
                request.setAccepted(input.accepted());
            }
            if (input.rating() != null) {
                request.setRating(input.rating());
            }
            if (input.comment() != null) {
                request.setComment(input.comment());
            }
            return tasks.putFeedback(request.build());
        });
    }
}
