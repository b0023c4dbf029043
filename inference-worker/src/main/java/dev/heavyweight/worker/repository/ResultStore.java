package dev.heavyweight.worker.repository;

import dev.heavyweight.worker.config.StorageConfig;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.BlockingExecutor;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The results bucket: tenants' images, and blocked images in quarantine. The S3 client is the synchronous
 * one (its HTTP transport is the one that works here); every call runs on a worker thread through
 * {@link BlockingExecutor}. A singleton, so a quarantine prefix that could reach a tenant's keys fails the start.
 */
@Singleton
public class ResultStore {

    private static final Logger LOG = Logger.getLogger(ResultStore.class);
    private static final String PNG = "image/png";
    private static final String TENANTS = "tenants/";

    private final S3Client s3;
    private final StorageConfig config;
    private final BlockingExecutor blocking;
    private final String quarantinePrefix;

    ResultStore(S3Client s3, StorageConfig config, WorkerConfig worker, BlockingExecutor blocking) {
        this.s3 = s3;
        this.config = config;
        this.blocking = blocking;
        this.quarantinePrefix = checkedQuarantinePrefix(worker.storage().quarantinePrefix());
    }

    /** Where a task's image lives: {@code tenants/{tenant}/tasks/{taskId}.png}. */
    public static String keyFor(String tenant, String taskId) {
        return TENANTS + tenant + "/tasks/" + taskId + ".png";
    }

    /** Where a blocked image of a task is kept: {@code <quarantine-prefix>tenants/{tenant}/tasks/{taskId}.png}. */
    public String quarantineKeyFor(String tenant, String taskId) {
        return quarantinePrefix + keyFor(tenant, taskId);
    }

    public String bucket() {
        return config.bucket();
    }

    /** Stores a PNG; overwriting is fine (the encoder is deterministic). Fails with retryable {@code upload_failed}. */
    public Uni<Void> put(String key, byte[] png) {
        return blocking.run(() -> s3.putObject(
                        put -> put.bucket(config.bucket()).key(key).contentType(PNG).contentLength((long) png.length),
                        RequestBody.fromBytes(png)))
                .replaceWithVoid()
                .onFailure().transform(e -> new JobFailure(FailureReason.UPLOAD_FAILED,
                        "storing " + key + " in bucket " + config.bucket() + " failed: " + describe(e), true));
    }

    /** Deletes an object (deleting one that is not there is fine). Fails with a retryable {@code upload_failed}. */
    public Uni<Void> delete(String key) {
        return blocking.run(() -> s3.deleteObject(delete -> delete.bucket(config.bucket()).key(key)))
                .replaceWithVoid()
                .onFailure().transform(e -> new JobFailure(FailureReason.UPLOAD_FAILED,
                        "deleting " + key + " from bucket " + config.bucket() + " failed: " + describe(e), true));
    }

    /** True when the object is stored already. Fails with a retryable {@code upload_failed} when S3 cannot say. */
    public Uni<Boolean> exists(String key) {
        return blocking.run(() -> {
            try {
                s3.headObject(head -> head.bucket(config.bucket()).key(key));
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (S3Exception e) {
                // HEAD answers carry no error body: a missing key arrives as a bare 404.
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        }).onFailure().transform(e -> new JobFailure(FailureReason.UPLOAD_FAILED,
                "checking whether " + key + " is stored in bucket " + config.bucket() + " failed: " + describe(e),
                true));
    }

    /** The stored object, or empty when there is none. Fails with a retryable {@code upload_failed} when S3 cannot say. */
    public Uni<Optional<byte[]>> get(String key) {
        return blocking.run(() -> {
            try {
                return Optional.of(s3.getObjectAsBytes(get -> get.bucket(config.bucket()).key(key)).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.<byte[]>empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        }).onFailure().transform(e -> new JobFailure(FailureReason.UPLOAD_FAILED,
                "reading " + key + " from bucket " + config.bucket() + " failed: " + describe(e), true));
    }

    /** True when the bucket exists and these credentials may use it. */
    public Uni<Boolean> bucketReachable() {
        return blocking.run(() -> {
            try {
                s3.headBucket(head -> head.bucket(config.bucket()));
                return true;
            } catch (NoSuchBucketException e) {
                return false;
            } catch (S3Exception e) {
                // HEAD answers carry no error body: a missing bucket may arrive as a bare 404.
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Creates the bucket unless it already exists. */
    public Uni<Void> createBucketIfMissing() {
        return bucketReachable().chain(exists -> exists ? Uni.createFrom().voidItem() : blocking.run(() -> {
            try {
                s3.createBucket(create -> create.bucket(config.bucket()));
                LOG.infof("created bucket %s", config.bucket());
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
                LOG.debugf("bucket %s was created concurrently", config.bucket());
            }
            return null;
        }).replaceWithVoid());
    }

    /** A blocked image must never land where its tenant (or any tenant) could be handed it. */
    static String checkedQuarantinePrefix(String prefix) {
        if (prefix.isBlank() || prefix.startsWith("/") || !prefix.endsWith("/") || prefix.startsWith(TENANTS)) {
            throw new IllegalStateException("heavyweight.worker.storage.quarantine-prefix must be a folder such as "
                    + "'quarantine/' (non-empty, ending in '/', not under '" + TENANTS + "'), not '" + prefix + "'");
        }
        return prefix;
    }

    /** The S3 error code and message, or the client's message; never a stack trace. */
    public static String describe(Throwable failure) {
        if (failure instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": " + s3.awsErrorDetails().errorMessage();
        }
        return String.valueOf(failure.getMessage());
    }
}
