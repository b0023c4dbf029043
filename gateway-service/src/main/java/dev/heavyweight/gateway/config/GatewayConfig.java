package dev.heavyweight.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's own settings; task-service and S3 endpoints use the quarkus.grpc.clients.tasks and quarkus.s3 keys, the bucket {@link StorageConfig}. */
@ConfigMapping(prefix = "heavyweight.gateway")
public interface GatewayConfig {

    /** Tenant every request belongs to until authentication exists. */
    @WithDefault("anonymous")
    String defaultTenant();

    /** Deadline of each call to task-service. */
    @WithDefault("10s")
    Duration taskTimeout();

    /** Retry-After sent with 503 answers. */
    @WithDefault("5s")
    Duration retryAfter();

    /** How GET /v1/generations/{id}/image delivers the image: a redirect to a presigned URL, or the bytes. */
    @WithDefault("redirect")
    ImageDelivery imageDelivery();

    /** Lifetime of a presigned image URL. */
    @WithDefault("15m")
    Duration presignTtl();

    enum ImageDelivery {
        REDIRECT,
        STREAM
    }
}
