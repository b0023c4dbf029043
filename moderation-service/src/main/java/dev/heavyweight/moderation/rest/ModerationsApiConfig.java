package dev.heavyweight.moderation.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code POST /v1/moderations}: limits of one request and the advice given when no verdict can be had. */
@ConfigMapping(prefix = "heavyweight.moderation.api")
public interface ModerationsApiConfig {

    /** Most texts one request may carry in its {@code input} array. */
    @WithDefault("32")
    int maxInputs();

    /** The {@code Retry-After} of a 503 when an engine failed. */
    @WithDefault("5s")
    Duration retryAfter();
}
