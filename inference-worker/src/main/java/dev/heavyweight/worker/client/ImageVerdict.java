package dev.heavyweight.worker.client;

import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import dev.heavyweight.worker.service.FailureReason;

/**
 * moderation-service's decision on one generated image.
 *
 * @param reason   {@code image_blocked} or {@code image_unassessed} when blocked; null when allowed
 * @param detail   human-readable explanation when blocked
 * @param decision stage {@code image}, the blocking engine and every topic's result, as task-service stores it
 */
public record ImageVerdict(boolean allowed, FailureReason reason, String detail, ModerationDecision decision) {

    static ImageVerdict of(ModerationVerdict verdict) {
        ModerationDecision decision = new ModerationDecision(ModerationDecision.STAGE_IMAGE,
                emptyToNull(verdict.getEngine()), verdict.getTopicsList().stream().map(ImageVerdict::topic).toList());
        if (verdict.getAllowed()) {
            return new ImageVerdict(true, null, null, decision);
        }
        // Anything but "unassessed" is a block on the image's content, whatever the peer called it.
        FailureReason reason = Reasons.IMAGE_UNASSESSED.equals(verdict.getReason())
                ? FailureReason.IMAGE_UNASSESSED : FailureReason.IMAGE_BLOCKED;
        String detail = verdict.getDetail().isBlank() ? defaultDetail(reason, verdict, decision) : verdict.getDetail();
        return new ImageVerdict(false, reason, detail, decision);
    }

    private static ModerationDecision.Topic topic(TopicScore score) {
        return new ModerationDecision.Topic(score.getTopic(), score.getAssessed(), score.getScore(),
                score.getThreshold(), score.getFlagged(), emptyToNull(score.getEngine()));
    }

    private static String defaultDetail(FailureReason reason, ModerationVerdict verdict, ModerationDecision decision) {
        var topics = decision.flaggedTopics().isEmpty() ? verdict.getCategoriesList() : decision.flaggedTopics();
        String blocked = reason == FailureReason.IMAGE_UNASSESSED
                ? "no image engine could assess the image" : "image moderation blocked the image";
        return topics.isEmpty() ? blocked : blocked + ": " + String.join(", ", topics);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
