package dev.heavyweight.task.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Idempotency keys, claimed inside the submitting transaction before anything else is written. The
 * insert waits on the primary key while another transaction holds the same key, so of any number of
 * concurrent repeats exactly one creates the task and the others see its committed key (or, if it rolled
 * back, one of them takes its place).
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final String CLAIM = """
            INSERT INTO idempotency_keys (tenant, key, request_hash, task_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (tenant, key) DO NOTHING""";
    private static final String FIND = "SELECT request_hash, task_id FROM idempotency_keys WHERE tenant = ?1 AND key = ?2";

    /**
     * Claims {@code key} of {@code tenant} for a new task {@code taskId}; null when the claim is ours, else the
     * earlier use of the key (committed).
     */
    public Uni<EarlierUse> claim(String tenant, String key, String requestHash, UUID taskId, Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM)
                .setParameter(1, tenant)
                .setParameter(2, key)
                .setParameter(3, requestHash)
                .setParameter(4, taskId)
                .setParameter(5, now)
                .executeUpdate()
                .flatMap(inserted -> inserted == 1 ? Uni.createFrom().nullItem()
                        : session.<Object[]>createNativeQuery(FIND)
                                .setParameter(1, tenant)
                                .setParameter(2, key)
                                .getSingleResult()
                                .map(row -> new EarlierUse((String) row[0], (UUID) row[1]))));
    }

    /**
     * The submission that first used a key.
     *
     * @param requestHash its {@link RequestFingerprint}
     * @param taskId      the task it created
     */
    public record EarlierUse(String requestHash, UUID taskId) {
    }
}
