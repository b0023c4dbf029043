package dev.heavyweight.task.tenants;

/**
 * A tenant's tier, what it uses of it now and the secret its webhooks are signed with.
 *
 * @param unfinished ACCEPTED, QUEUED and RUNNING tasks now
 */
public record TenantStanding(String tenant, Tier tier, long unfinished, String webhookSecret) {
}
