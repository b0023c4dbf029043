package dev.heavyweight.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where generated images are stored: the same key the worker writes with (endpoint and credentials are {@code quarkus.s3.*}). */
@ConfigMapping(prefix = "heavyweight.storage")
public interface StorageConfig {

    /** Bucket holding the PNGs, under {@code tenants/{tenant}/tasks/{taskId}.png}. */
    @WithDefault("heavyweight-results")
    String bucket();
}
