package dev.heavyweight.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points quarkus-smallrye-jwt of a {@code @QuarkusTest} at the {@link TestTokens} key and issuer, so
 * tokens minted there are accepted. Use with {@code @QuarkusTestResource(JwtTestResource.class)}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The key file belongs to the JVM (TestTokens deletes it on exit); other test classes may still use it.
    }
}
