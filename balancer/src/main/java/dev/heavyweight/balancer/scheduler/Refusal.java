package dev.heavyweight.balancer.scheduler;

/** Why a request left the scheduler without being dispatched. */
public enum Refusal {
    /** The admission queue held {@code max-queue} requests already. */
    QUEUE_FULL,
    /** Its deadline passed while it waited for a slot. */
    DEADLINE_EXCEEDED,
    /** No node that takes work serves its model (or every such node was tried already). */
    NO_NODE
}
