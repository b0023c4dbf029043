package dev.heavyweight.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * The gateway's own settings; task-service and S3 endpoints use the quarkus.grpc.clients.tasks and quarkus.s3
 * keys, the bucket {@link StorageConfig}, the broker heavyweight.rabbitmq, the token checks mp.jwt.verify.
 */
@ConfigMapping(prefix = "heavyweight.gateway")
public interface GatewayConfig {

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

    /** Live status streams (SSE). */
    Events events();

    /** The balancer's admin API, which {@code /v1/admin/nodes} fronts for the operations page. */
    Balancer balancer();

    /** The OpenAI-compatible images endpoint. */
    @WithName("openai")
    OpenAi openAi();

    enum ImageDelivery {
        REDIRECT,
        STREAM
    }

    interface Balancer {

        /**
         * Base URL of the balancer's HTTP port. Its admin API answers only peers inside its
         * {@code heavyweight.balancer.admin.allowed-cidrs}, which must take in the gateway.
         */
        @WithDefault("http://127.0.0.1:8084")
        String url();

        /** Deadline of each admin call. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Events {

        /** Interval of heartbeat comments on an open stream; each one also catches up with missed changes. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Streams one gateway replica serves at once; one more is answered 503. */
        @WithDefault("2000")
        int maxStreams();
    }

    interface OpenAi {

        /** How long POST /v1/images/generations waits for its images before answering 504. */
        @WithDefault("120s")
        Duration timeout();

        /** How often a waiting call re-reads its tasks when no status hint arrives. */
        @WithDefault("2s")
        Duration pollInterval();
    }
}
