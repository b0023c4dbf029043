package dev.heavyweight.gateway.client;

import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.config.StorageConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 bucket of generated images. The SDK client is blocking, so reads and probes run on the worker
 * pool; presigning is local computation. Timeouts are the quarkus.s3 client settings.
 */
@Singleton
public class ResultStoreClient {

    private static final Logger LOG = Logger.getLogger(ResultStoreClient.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration ttl;

    ResultStoreClient(S3Client s3, S3Presigner presigner, GatewayConfig config, StorageConfig storage) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = storage.bucket();
        this.ttl = config.presignTtl();
    }

    /** A GET URL for the object that works without credentials until the configured TTL passes. */
    public URI presignedUrl(String key) {
        return URI.create(presigner.presignGetObject(presign -> presign
                        .signatureDuration(ttl)
                        .getObjectRequest(get -> get.bucket(bucket).key(key)))
                .url().toString());
    }

    public Uni<byte[]> read(String key) {
        return onWorker(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray(), "read " + key)
                .onFailure().invoke(failure -> LOG.errorf("S3 read %s failed: %s", key, failure.getMessage()));
    }

    /** Succeeds when the bucket exists and the credentials can reach it; the failure says why not. */
    public Uni<Void> probe() {
        return onWorker(() -> s3.headBucket(head -> head.bucket(bucket)), "head bucket " + bucket).replaceWithVoid();
    }

    public String bucket() {
        return bucket;
    }

    private <T> Uni<T> onWorker(Supplier<T> call, String what) {
        return Uni.createFrom().item(call)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(failure -> map(what, failure));
    }

    /** Callers log: a failed readiness probe is reported by the health check, a failed read is an error. */
    private static RuntimeException map(String what, Throwable failure) {
        if (failure instanceof NoSuchKeyException) {
            return new UpstreamFailureException("S3 " + what + ": object missing", failure);
        }
        if (failure instanceof S3Exception s3 && s3.statusCode() < 500) {
            return new UpstreamFailureException("S3 " + what + ": HTTP " + s3.statusCode(), failure);
        }
        if (failure instanceof SdkClientException || failure instanceof S3Exception) {
            return new UpstreamUnavailableException("S3 (" + what + ")", failure);
        }
        return new UpstreamFailureException("S3 " + what + " failed", failure);
    }
}
