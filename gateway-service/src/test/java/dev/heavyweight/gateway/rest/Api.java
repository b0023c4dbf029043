package dev.heavyweight.gateway.rest;

import dev.heavyweight.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests to the gateway under test as a caller with a valid token (tenant {@link #TENANT}, user {@link #USER}). */
public final class Api {

    public static final String TENANT = "acme";
    public static final String USER = "alice";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    public static RequestSpecification given() {
        return as(TENANT, USER);
    }

    public static RequestSpecification as(String tenant, String user) {
        return RestAssured.given().auth().oauth2(token(tenant, user));
    }

    public static RequestSpecification asAdmin(String tenant, String user) {
        return RestAssured.given().auth().oauth2(TOKENS.computeIfAbsent("admin:" + tenant + "/" + user,
                key -> TestTokens.admin(tenant, user)));
    }

    public static String token(String tenant, String user) {
        return TOKENS.computeIfAbsent(tenant + "/" + user, key -> TestTokens.token(tenant, user));
    }
}
