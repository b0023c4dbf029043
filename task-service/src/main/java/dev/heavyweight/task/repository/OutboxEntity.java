package dev.heavyweight.task.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code outbox}: work the relay owes a task (see V2__outbox.sql). */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID taskId;
    /** {@link OutboxKind#value()}. */
    public String kind;
    public int attempt;
    public Instant availableAt;
    public Instant claimedUntil;
    public UUID claimToken;
    public int tries;
    public String lastError;
    public Instant createdAt;
}
