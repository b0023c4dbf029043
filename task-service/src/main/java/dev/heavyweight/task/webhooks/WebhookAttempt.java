package dev.heavyweight.task.webhooks;

/**
 * How one POST to a receiver went.
 *
 * @param statusCode the receiver's HTTP status; 0 when it gave none (refused, unreachable, timed out)
 * @param error      what went wrong, null when delivered
 */
public record WebhookAttempt(int statusCode, String error) {

    static WebhookAttempt answered(int statusCode) {
        return new WebhookAttempt(statusCode, statusCode / 100 == 2 ? null : "receiver answered HTTP " + statusCode);
    }

    static WebhookAttempt unanswered(String error) {
        return new WebhookAttempt(0, error);
    }

    public boolean delivered() {
        return error == null;
    }
}
