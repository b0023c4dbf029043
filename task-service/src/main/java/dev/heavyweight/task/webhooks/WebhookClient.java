package dev.heavyweight.task.webhooks;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.service.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * POSTs webhook bodies with the JDK's asynchronous HTTP client, bounded by the configured connect and
 * request timeouts. Redirects are not followed: a redirect could lead past the address policy.
 */
@ApplicationScoped
public class WebhookClient {

    static final String USER_AGENT = "heavyweight-webhooks/1";

    private final HttpClient client;
    private final Duration requestTimeout;

    WebhookClient(TaskConfig config) {
        this.requestTimeout = config.webhooks().requestTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.webhooks().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The outcome of one POST, on the caller's context; never fails. */
    public Uni<WebhookAttempt> post(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        Executor caller = CallerContext.current();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()))
                .map(response -> WebhookAttempt.answered(response.statusCode()))
                .onFailure().recoverWithItem(failure -> WebhookAttempt.unanswered(describe(failure)))
                .emitOn(caller);
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        // The receiver's owner reads this on the task: the message, never our exception types.
        return cause.getMessage() == null || cause.getMessage().isBlank() ? "delivery failed" : cause.getMessage();
    }
}
