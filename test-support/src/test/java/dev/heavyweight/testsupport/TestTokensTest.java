package dev.heavyweight.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Checks the tokens the way a verifier does, with plain JCA (not the library that minted them) and
 * without Quarkus on the classpath, as in the black-box tests: signature against the published PEM,
 * header and claims.
 */
class TestTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenIsRs256SignedByThePublishedKeyWithTheExpectedClaims() throws Exception {
        String token = TestTokens.token("acme", "alice", "user");

        assertThat(verifies(token, publishedKey())).isTrue();
        JsonNode header = part(token, 0);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("kid").asText()).isEqualTo(TestTokens.KEY_ID);
        JsonNode claims = part(token, 1);
        assertThat(claims.path("iss").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        assertThat(groups(claims)).containsExactly("user");
        long now = Instant.now().getEpochSecond();
        assertThat(claims.path("iat").asLong()).isLessThanOrEqualTo(now);
        assertThat(claims.path("exp").asLong()).isGreaterThan(now);
    }

    @Test
    void groupsDefaultToUserAndAdminHasBoth() throws Exception {
        assertThat(groups(part(TestTokens.token("acme", "alice"), 1))).containsExactly("user");
        assertThat(groups(part(TestTokens.admin("acme", "root"), 1))).containsExactlyInAnyOrder("user", "admin");
    }

    @Test
    void badTokensAreBadInExactlyOneWay() throws Exception {
        PublicKey key = publishedKey();
        long now = Instant.now().getEpochSecond();

        String expired = TestTokens.expired("acme", "alice");
        assertThat(verifies(expired, key)).isTrue();
        assertThat(part(expired, 1).path("exp").asLong()).isLessThan(now);

        String foreign = TestTokens.withIssuer("https://elsewhere.example", "acme", "alice");
        assertThat(verifies(foreign, key)).isTrue();
        assertThat(part(foreign, 1).path("iss").asText()).isEqualTo("https://elsewhere.example");

        String otherKey = TestTokens.signedByAnotherKey("acme", "alice");
        assertThat(verifies(otherKey, key)).isFalse();
        assertThat(part(otherKey, 1).path("tenant").asText()).isEqualTo("acme");

        String noTenant = TestTokens.withoutTenant("alice");
        assertThat(verifies(noTenant, key)).isTrue();
        assertThat(part(noTenant, 1).has("tenant")).isFalse();

        String malformed = TestTokens.malformed();
        assertThat(malformed.split("\\.")).hasSize(3);
        assertThat(verifies(malformed, key)).isFalse();
    }

    @Test
    void quarkusResourcePointsAtTheSameKeyAndIssuer() {
        var config = new JwtTestResource().start();
        assertThat(config).containsEntry("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation())
                .containsEntry("mp.jwt.verify.issuer", TestTokens.ISSUER);
        assertThat(Path.of(TestTokens.publicKeyLocation())).isAbsolute().exists();
    }

    private static PublicKey publishedKey() throws Exception {
        String pem = Files.readString(Path.of(TestTokens.publicKeyLocation()));
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(TestTokens.publicKeyPem());
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static boolean verifies(String token, PublicKey key) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        try {
            return rsa.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static List<String> groups(JsonNode claims) {
        return StreamSupport.stream(claims.path("groups").spliterator(), false).map(JsonNode::asText).toList();
    }
}
