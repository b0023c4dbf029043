package dev.heavyweight.moderation.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How images are moderated: the engines, and the safety model that {@code nsfw_mobilenet_v2} calls. */
@ConfigMapping(prefix = "heavyweight.moderation")
public interface ImageModerationConfig {

    /** Image engines, run in this order; none: ModerateImage is refused (UNIMPLEMENTED), never "allowed". */
    Optional<List<String>> imageEngines();

    /** The engine {@code nsfw_mobilenet_v2}. */
    SafetyModel image();

    /** The safety classifier behind the balancer and the engine's limits. */
    interface SafetyModel {

        /** KServe v2 model name of the safety classifier behind the balancer. */
        @WithDefault("nsfw_mobilenet_v2")
        String model();

        /** Longest wait for one classification through the balancer, queueing included; past it there is no verdict. */
        @WithDefault("5s")
        Duration deadline();

        /** Longest wait for the readiness probe's ModelReady call. */
        @WithDefault("2s")
        Duration readinessTimeout();

        /** The model's classes in output order (its labels.txt); used when an answer does not name them itself. */
        @WithDefault("Drawing,Hentai,Neutral,Porn,Sexy")
        List<String> classes();

        /** Largest image accepted, in pixels (width × height), so a small PNG cannot make the service decode a huge one. */
        @WithDefault("16777216")
        long maxPixels();
    }
}
