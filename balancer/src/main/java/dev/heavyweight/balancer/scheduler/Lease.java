package dev.heavyweight.balancer.scheduler;

/**
 * One dispatch of a ticket to a node: it holds one of the node's slots until released.
 *
 * @param attempt 1 for the first node tried, 2 for the next, …
 * @param waitedNanos time from (re-)entering the scheduler to this dispatch
 */
public record Lease(Ticket ticket, String node, int attempt, long startedAt, long waitedNanos) {
}
