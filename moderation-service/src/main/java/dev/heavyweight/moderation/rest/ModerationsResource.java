package dev.heavyweight.moderation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.prompt.PromptModerationPipeline;
import dev.heavyweight.moderation.topics.EngineFailedException;
import dev.heavyweight.moderation.topics.Verdict;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/moderations}, OpenAI's moderation endpoint over the same {@link PromptModerationPipeline} that
 * answers ModeratePrompt: each input is judged as a prompt. A body we cannot judge is 400, an engine that fails
 * is 503 with {@code Retry-After} (no verdict, never "not flagged"); both as problem details.
 */
@Path("/v1/moderations")
public class ModerationsResource {

    private static final Logger LOG = Logger.getLogger(ModerationsResource.class);
    static final String TENANT = "moderations-api";

    private final PromptModerationPipeline prompts;
    private final ModerationMetrics metrics;
    private final ObjectMapper json;
    private final ModerationsApiConfig api;
    private final int maxPromptLength;

    ModerationsResource(PromptModerationPipeline prompts, ModerationMetrics metrics, ObjectMapper json,
            ModerationsApiConfig api, ModerationConfig config) {
        this.prompts = prompts;
        this.metrics = metrics;
        this.json = json;
        this.api = api;
        this.maxPromptLength = config.maxPromptLength();
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> moderate(String body) {
        ModerationsRequest request;
        try {
            request = ModerationsRequest.parse(json, body, maxPromptLength, api.maxInputs());
        } catch (ModerationsRequest.InvalidException e) {
            return Uni.createFrom().item(Problem.invalidRequest(e.getMessage()));
        }
        String id = "modr-" + UUID.randomUUID().toString().replace("-", "");
        List<Uni<Verdict>> verdicts = request.inputs().stream()
                .map(text -> prompts.moderate(new PromptInput(TENANT, id, text, "")).invoke(metrics::recordVerdict))
                .toList();
        return Uni.join().all(verdicts).andFailFast()
                .map(results -> Response.ok(new ModerationsResponse(id, model(),
                        results.stream().map(ModerationsResponse.Result::of).toList()), MediaType.APPLICATION_JSON).build())
                .onFailure().recoverWithItem(failure -> failed(id, failure));
    }

    /** The engines that judge, e.g. {@code heavyweight-lexicon+embedding}. */
    private String model() {
        return "heavyweight-" + String.join("+", prompts.engineNames());
    }

    private Response failed(String id, Throwable failure) {
        Throwable cause = failure instanceof CompositeException composite ? composite.getCause() : failure;
        if (cause instanceof EngineFailedException engineFailed) {
            if (engineFailed.getCause() instanceof StatusRuntimeException status
                    && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                return Problem.invalidRequest(status.getStatus().getDescription());
            }
            LOG.errorf(engineFailed.getCause(), "prompt engine %s failed for %s", engineFailed.engine(), id);
            metrics.recordError(ModerationMetrics.KIND_PROMPT, engineFailed.engine());
            return Problem.unavailable("prompt moderation engine " + engineFailed.engine()
                    + " is unavailable; retry later", api.retryAfter());
        }
        LOG.errorf(cause, "moderation request %s failed", id);
        return Problem.internalError();
    }
}
