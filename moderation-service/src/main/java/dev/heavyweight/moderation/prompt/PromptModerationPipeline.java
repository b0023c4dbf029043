package dev.heavyweight.moderation.prompt;

import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.metrics.ModerationMetrics;
import dev.heavyweight.moderation.topics.EngineChain;
import dev.heavyweight.moderation.topics.Kind;
import dev.heavyweight.moderation.topics.Topics;
import dev.heavyweight.moderation.topics.Verdict;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the configured prompt engines in order (see {@link EngineChain}). Built at startup so a misspelt engine
 * name stops the service instead of silently skipping a check. The LLM engine joins the chain, last, whenever
 * its endpoint is configured.
 */
@Startup
@Singleton
public class PromptModerationPipeline {

    public static final String LLM_ENGINE = "llm";

    private final EngineChain<PromptInput> chain;

    PromptModerationPipeline(@Any Instance<PromptEngine> available, ModerationConfig config, Topics topics,
            ModerationMetrics metrics,
            @ConfigProperty(name = "heavyweight.moderation.llm.base-url") Optional<String> llmBaseUrl) {
        Map<String, PromptEngine> byName = available.stream()
                .collect(Collectors.toMap(PromptEngine::name, Function.identity()));
        List<String> names = new ArrayList<>(config.promptEngines());
        if (llmBaseUrl.filter(url -> !url.isBlank()).isPresent() && !names.contains(LLM_ENGINE)) {
            names.add(LLM_ENGINE);
        }
        List<PromptEngine> engines = names.stream().map(name -> {
            PromptEngine engine = byName.get(name);
            if (engine == null) {
                throw new IllegalStateException("unknown prompt engine '" + name + "' in heavyweight.moderation.prompt-engines;"
                        + " available: " + byName.keySet());
            }
            return engine;
        }).toList();
        this.chain = new EngineChain<>(Kind.PROMPT, engines, topics, metrics);
    }

    /** Names of the engines that run, in order. */
    public List<String> engineNames() {
        return chain.engineNames();
    }

    public Uni<Verdict> moderate(PromptInput input) {
        return chain.moderate(input);
    }
}
