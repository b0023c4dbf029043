package dev.heavyweight.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Reads a {@link JobMessage} from a delivery body and checks what the worker relies on. Unknown JSON
 * fields are ignored (newer producers may add some); a missing negative prompt reads as empty.
 */
@ApplicationScoped
public class JobDecoder {

    private final ObjectReader reader;

    JobDecoder(ObjectMapper mapper) {
        this.reader = mapper.readerFor(JobMessage.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public JobMessage decode(byte[] body) {
        JobMessage job;
        try {
            job = reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new InvalidJobException("body is not a job message: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidJobException("body is unreadable: " + e.getMessage());
        }
        if (job == null) {
            throw new InvalidJobException("body is empty JSON");
        }
        validate(job);
        if (job.negativePrompt() == null) {
            return withoutNegativePrompt(job);
        }
        return job;
    }

    private static void validate(JobMessage job) {
        if (job.schema() != JobMessage.SCHEMA) {
            throw new InvalidJobException("unsupported schema " + job.schema() + " (expected " + JobMessage.SCHEMA + ")");
        }
        requireKeySegment("taskId", job.taskId());
        requireKeySegment("tenant", job.tenant());
        require(job.attempt() >= 1, "attempt must be at least 1");
        require(job.maxAttempts() >= 1, "maxAttempts must be at least 1");
        require(Lane.fromName(job.lane()).isPresent(), "lane must be interactive or batch");
        require(job.model() != null && !job.model().isBlank(), "model is required");
        require(job.prompt() != null && !job.prompt().isBlank(), "prompt is required");
        require(job.width() > 0 && job.height() > 0, "width and height must be positive");
        require(job.steps() > 0, "steps must be positive");
    }

    /** Task id and tenant become segments of the S3 key: they must be non-blank and contain no '/'. */
    private static void requireKeySegment(String field, String value) {
        require(value != null && !value.isBlank(), field + " is required");
        require(value.indexOf('/') < 0 && !value.equals(".") && !value.equals(".."),
                field + " must not contain '/' or be a dot segment");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidJobException(problem);
        }
    }

    private static JobMessage withoutNegativePrompt(JobMessage job) {
        return new JobMessage(job.schema(), job.taskId(), job.tenant(), job.attempt(), job.lane(), job.priority(),
                job.model(), job.prompt(), "", job.width(), job.height(), job.steps(), job.seed(),
                job.enqueuedAtMs(), job.deadlineMs(), job.maxAttempts());
    }
}
