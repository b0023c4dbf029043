package dev.heavyweight.moderation.service;

import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the configured prompt stages in order and stops at the first one that blocks. Built at startup so
 * a misspelt stage name stops the service instead of silently skipping a check.
 */
@Startup
@Singleton
public class PromptModerationPipeline {

    private final List<PromptStage> stages;
    private final ModerationMetrics metrics;

    PromptModerationPipeline(@Any Instance<PromptStage> available, ModerationConfig config, ModerationMetrics metrics) {
        Map<String, PromptStage> byName = available.stream()
                .collect(Collectors.toMap(PromptStage::name, Function.identity()));
        this.stages = config.promptStages().stream().map(name -> {
            PromptStage stage = byName.get(name);
            if (stage == null) {
                throw new IllegalStateException("unknown prompt stage '" + name + "' in heavyweight.moderation.prompt-stages;"
                        + " available: " + byName.keySet());
            }
            return stage;
        }).toList();
        if (stages.isEmpty()) {
            throw new IllegalStateException("heavyweight.moderation.prompt-stages names no stage");
        }
        this.metrics = metrics;
    }

    /** Names of the stages that run, in order. */
    public List<String> stageNames() {
        return stages.stream().map(PromptStage::name).toList();
    }

    public Uni<PromptVerdict> moderate(PromptInput input) {
        return runFrom(0, input, new ArrayList<>());
    }

    private Uni<PromptVerdict> runFrom(int index, PromptInput input, List<StageVerdict> done) {
        if (index == stages.size()) {
            return Uni.createFrom().item(PromptVerdict.allowed(done));
        }
        PromptStage stage = stages.get(index);
        return metrics.timeStage(ModerationMetrics.KIND_PROMPT, stage.name(), () -> stage.check(input))
                .onFailure().transform(cause -> new StageFailedException(stage.name(), cause))
                .flatMap(verdict -> {
                    done.add(verdict);
                    return verdict.allowed()
                            ? runFrom(index + 1, input, done)
                            : Uni.createFrom().item(PromptVerdict.blockedBy(verdict, done));
                });
    }
}
