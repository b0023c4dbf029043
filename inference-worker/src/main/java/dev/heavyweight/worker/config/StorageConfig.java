package dev.heavyweight.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where generated images are stored (the S3 endpoint and credentials are {@code quarkus.s3.*}). */
@ConfigMapping(prefix = "heavyweight.storage")
public interface StorageConfig {

    /** Bucket holding the PNGs, under {@code tenants/{tenant}/tasks/{taskId}.png}. */
    @WithDefault("heavyweight-results")
    String bucket();

    /** Create the bucket at startup when it does not exist (off where the bucket is provisioned elsewhere). */
    @WithDefault("true")
    boolean createBucket();
}
