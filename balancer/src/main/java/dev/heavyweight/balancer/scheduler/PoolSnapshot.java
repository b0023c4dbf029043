package dev.heavyweight.balancer.scheduler;

/**
 * One slot pool of a node at one instant.
 *
 * @param capacity slots new work may use now (0 while the node is ejected, joining or draining; 1 while readmitting)
 * @param busySeconds slot time used by finished requests of the pool, summed
 */
public record PoolSnapshot(int slots, int capacity, int inflight, double busySeconds) {

    public int freeSlots() {
        return Math.max(0, capacity - inflight);
    }
}
