package dev.heavyweight.task.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.task.service.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ListCursorTest {

    @Test
    void roundTripsToTheMicrosecondAndIsUrlSafe() {
        ListCursor cursor = new ListCursor(Instant.parse("2026-03-01T12:34:56.789123Z"), UUID.randomUUID());

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(ListCursor.decode(encoded)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "bm90LWEtY3Vyc29y", "djE6MTIzOm5vdC1hLXV1aWQ", "djI6MToxMjNlNDU2Ny1lODliLTEyZDMtYTQ1Ni00MjY2MTQxNzQwMDA"})
    void anythingElseIsAnInvalidCursor(String encoded) {
        assertThatThrownBy(() -> ListCursor.decode(encoded))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("cursor: is not a cursor returned by this listing");
    }

    @Test
    void aCursorWithAnUncanonicalIdIsRefused() {
        String text = "v1:1:" + UUID.randomUUID().toString().toUpperCase();
        String encoded = Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ListCursor.decode(encoded)).hasMessageStartingWith("cursor:");
    }
}
