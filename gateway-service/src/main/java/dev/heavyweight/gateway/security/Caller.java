package dev.heavyweight.gateway.security;

/**
 * Who is calling, from a verified bearer token: {@code user} is its subject, {@code tenant} its
 * {@code tenant} claim. Every task operation is scoped to {@code tenant}.
 */
public record Caller(String tenant, String user, boolean admin) {
}
