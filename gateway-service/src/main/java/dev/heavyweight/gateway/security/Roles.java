package dev.heavyweight.gateway.security;

/** Role names, taken from the token's {@code groups} claim. */
public final class Roles {

    /** An ordinary caller of the tenant's API (every token carries it; the API asks only for a valid token). */
    public static final String USER = "user";
    /** May read any tenant's settings through /v1/admin. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
