package dev.heavyweight.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RS256 bearer tokens for tests, shaped like the ones {@code dev/token} prints: header {@code kid},
 * claims {@code iss}, {@code sub} (the user), {@code tenant}, {@code groups}, {@code iat}, {@code exp}.
 * One RSA-2048 key pair per test JVM, generated at first use; its public key is written as PEM to a
 * temporary file so a service under test can be pointed at it ({@link #publicKeyLocation()}, or
 * {@link JwtTestResource} for a {@code @QuarkusTest}; a black-box service process takes
 * {@code -Dmp.jwt.verify.publickey.location=}{@link #publicKeyLocation()}).
 *
 * <p>When no groups are given a token carries {@code ["user"]}, the role every ordinary caller has.
 */
public final class TestTokens {

    /** The issuer the services are configured to accept, the same one {@code dev/run} uses. */
    public static final String ISSUER = "https://auth.heavyweight.local";
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String KEY_ID = "heavyweight-test";

    private static final Duration LIFESPAN = Duration.ofHours(1);

    private TestTokens() {
    }

    /** Absolute path of a PEM file holding the public key every token here (but one) is signed with. */
    public static String publicKeyLocation() {
        return Keys.PUBLIC_PEM.toString();
    }

    /** The public key as PEM text, for services configured with the key itself. */
    public static String publicKeyPem() {
        return pem(Keys.PAIR.getPublic());
    }

    /** A valid token for one hour. */
    public static String token(String tenant, String user, String... groups) {
        return sign(claims(ISSUER, tenant, user, groups, Instant.now()), Keys.PAIR);
    }

    /** A token for the caller with both the {@code user} and {@code admin} roles. */
    public static String admin(String tenant, String user) {
        return token(tenant, user, USER, ADMIN);
    }

    /** A correctly signed token whose {@code exp} passed an hour ago (well beyond any clock-skew allowance). */
    public static String expired(String tenant, String user, String... groups) {
        return sign(claims(ISSUER, tenant, user, groups, Instant.now().minus(LIFESPAN.multipliedBy(2))), Keys.PAIR);
    }

    /** A correctly signed, current token from an issuer the services do not trust. */
    public static String withIssuer(String issuer, String tenant, String user, String... groups) {
        return sign(claims(issuer, tenant, user, groups, Instant.now()), Keys.PAIR);
    }

    /** A current token with the right claims, signed by a key the services do not know. */
    public static String signedByAnotherKey(String tenant, String user, String... groups) {
        return sign(claims(ISSUER, tenant, user, groups, Instant.now()), Keys.OTHER);
    }

    /** A correctly signed, current token without the {@code tenant} claim. */
    public static String withoutTenant(String user, String... groups) {
        return sign(claims(ISSUER, null, user, groups, Instant.now()), Keys.PAIR);
    }

    /** Three dot-separated parts that are not a JWT (the payload is not JSON, the signature is noise). */
    public static String malformed() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString("not json".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString("not a signature".getBytes(StandardCharsets.UTF_8));
    }

    private static JwtClaimsBuilder claims(String issuer, String tenant, String user, String[] groups,
            Instant issuedAt) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(user)
                .groups(groups.length == 0 ? Set.of(USER) : new LinkedHashSet<>(List.of(groups)))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(LIFESPAN));
        return tenant == null ? claims : claims.claim("tenant", tenant);
    }

    private static String sign(JwtClaimsBuilder claims, KeyPair keys) {
        return claims.jws().keyId(KEY_ID).sign(keys.getPrivate());
    }

    private static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** Holder so the keys are made on first use only, once per JVM, without locking on every call. */
    private static final class Keys {

        static final KeyPair PAIR = generate();
        static final KeyPair OTHER = generate();
        static final Path PUBLIC_PEM = write(PAIR.getPublic());

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA is not available in this JVM", e);
            }
        }

        private static Path write(PublicKey key) {
            try {
                Path file = Files.createTempFile("heavyweight-jwt-", ".pem");
                file.toFile().deleteOnExit();
                Files.writeString(file, pem(key), StandardCharsets.US_ASCII);
                return file.toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
