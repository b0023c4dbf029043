package dev.heavyweight.task.tenants;

/**
 * What a tenant's tier gets.
 *
 * @param priority      AMQP priority of a first attempt (0..10)
 * @param ratePerSecond submissions per second the token bucket refills
 * @param burst         size of the token bucket
 * @param maxUnfinished cap on the tenant's ACCEPTED, QUEUED and RUNNING tasks
 */
public record Tier(String name, int priority, double ratePerSecond, int burst, int maxUnfinished) {
}
