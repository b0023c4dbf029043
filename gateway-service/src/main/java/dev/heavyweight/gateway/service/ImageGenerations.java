package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.client.ResultStoreClient;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.events.TaskWaiter;
import dev.heavyweight.gateway.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Synchronous image generation on top of the ordinary task flow (the OpenAI-compatible endpoint): submits
 * n tasks, waits for all of them within the configured time and returns their images.
 *
 * <p>With an idempotency key each task gets a key derived from it, so a client's retry finds the same
 * tasks (and waits for them again) instead of paying for new GPU work. Without one, tasks nobody can ask
 * for again are cancelled when the call fails or times out.
 */
@Singleton
public class ImageGenerations {

    private static final Logger LOG = Logger.getLogger(ImageGenerations.class);

    private final GenerationService generations;
    private final TaskWaiter waiter;
    private final ResultStoreClient results;
    private final Duration timeout;

    ImageGenerations(GenerationService generations, TaskWaiter waiter, ResultStoreClient results, GatewayConfig config) {
        this.generations = generations;
        this.waiter = waiter;
        this.results = results;
        this.timeout = config.openAi().timeout();
    }

    public Uni<List<GeneratedImage>> generate(Caller caller, GenerationSpec spec, int n, Optional<String> idempotencyKey,
            ImageFormat format) {
        List<Task> submitted = new CopyOnWriteArrayList<>();
        return Multi.createFrom().range(0, n)
                .onItem().transformToUniAndConcatenate(i -> generations.submit(caller, spec, idempotencyKey.map(key -> derived(key, i))))
                .onItem().invoke(submission -> submitted.add(submission.task()))
                .collect().asList()
                .flatMap(all -> Uni.join().all(all.stream().map(s -> waiter.ended(caller, s.task().getId())).toList())
                        .andFailFast()
                        .ifNoItem().after(timeout).failWith(() -> new GenerationTimeoutException(timeout)))
                .flatMap(ended -> deliver(caller, ended, format))
                .onFailure().invoke(failure -> {
                    if (idempotencyKey.isEmpty()) {
                        submitted.forEach(task -> abandon(caller, task));
                    }
                });
    }

    private Uni<List<GeneratedImage>> deliver(Caller caller, List<Task> ended, ImageFormat format) {
        for (Task task : ended) {
            if (task.getState() != TaskState.TASK_STATE_SUCCEEDED) {
                return Uni.createFrom().failure(new GenerationEndedException(task));
            }
        }
        return Multi.createFrom().iterable(ended)
                .onItem().transformToUniAndConcatenate(task -> image(caller, task, format))
                .collect().asList();
    }

    private Uni<GeneratedImage> image(Caller caller, Task task, ImageFormat format) {
        Uni<GeneratedImage> image = format == ImageFormat.URL
                ? Uni.createFrom().item(() -> new GeneratedImage(task.getId(), results.presignedUrl(task.getImageKey()).toString(), null))
                : results.read(task.getImageKey()).map(png -> new GeneratedImage(task.getId(), null, png));
        return image.invoke(ignored -> generations.recordDownload(caller, task.getId(),
                format == ImageFormat.URL ? "redirect" : "b64_json"));
    }

    /** Best effort: a task that already ended, or that task-service cannot cancel now, is left as it is. */
    private void abandon(Caller caller, Task task) {
        generations.cancel(caller, task.getId()).subscribe().with(
                cancelled -> LOG.debugf("cancelled abandoned task %s", task.getId()),
                failure -> LOG.debugf("abandoned task %s not cancelled: %s", task.getId(), failure.getMessage()));
    }

    /** The key of the i-th task: the client's key and the index, hashed when that would exceed the key limit. */
    static String derived(String key, int index) {
        String plain = key + "#" + index;
        if (plain.length() <= 255) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest) + "#" + index;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
