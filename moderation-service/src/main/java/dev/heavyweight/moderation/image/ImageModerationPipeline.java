package dev.heavyweight.moderation.image;

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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the configured image engines in order (see {@link EngineChain}); a misspelt name stops startup. */
@Startup
@Singleton
public class ImageModerationPipeline {

    private final EngineChain<ImageInput> chain;

    ImageModerationPipeline(@Any Instance<ImageEngine> available, Topics topics, ModerationMetrics metrics,
            ImageModerationConfig config) {
        Map<String, ImageEngine> byName = available.stream()
                .collect(Collectors.toMap(ImageEngine::name, Function.identity()));
        List<ImageEngine> engines = config.imageEngines().orElse(List.of()).stream().map(name -> {
            ImageEngine engine = byName.get(name);
            if (engine == null) {
                throw new IllegalStateException("unknown image engine '" + name + "' in heavyweight.moderation.image-engines;"
                        + " available: " + byName.keySet());
            }
            return engine;
        }).toList();
        this.chain = engines.isEmpty() ? null : new EngineChain<>(Kind.IMAGE, engines, topics, metrics);
    }

    /** Whether any image engine is configured; without one, ModerateImage is refused (never "allowed"). */
    public boolean enabled() {
        return chain != null;
    }

    public List<String> engineNames() {
        return chain == null ? List.of() : chain.engineNames();
    }

    public Uni<Verdict> moderate(ImageInput input) {
        return chain.moderate(input);
    }
}
