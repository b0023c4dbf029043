package dev.heavyweight.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aFullBucketGivesATokenAndSaysHowLongUntilItIsFullAgain() {
        TokenBucket.Take take = TokenBucket.take(40, 0, 10, 40);

        assertThat(take.taken()).isTrue();
        assertThat(take.tokensLeft()).isEqualTo(39);
        assertThat(take.retryAfterMs()).isZero();
        assertThat(take.after()).isEqualTo(new RateLimit(40, 39, 100, 10));
    }

    @Test
    void refillsByElapsedTimeButNeverBeyondTheBurst() {
        assertThat(TokenBucket.take(0.5, 0.25, 2, 5).tokensLeft()).isEqualTo(0);
        assertThat(TokenBucket.take(4, 3600, 2, 5).tokensLeft()).isEqualTo(4);
        assertThat(TokenBucket.peek(1, 1, 2, 5)).isEqualTo(new RateLimit(5, 3, 1000, 2));
        assertThat(TokenBucket.full(0.5, 3)).isEqualTo(new RateLimit(3, 3, 0, 0.5));
    }

    @Test
    void anEmptyBucketRefusesAndSaysExactlyWhenTheNextTokenIsThere() {
        TokenBucket.Take take = TokenBucket.take(0.25, 0, 0.5, 3);

        assertThat(take.taken()).isFalse();
        assertThat(take.tokensLeft()).isEqualTo(0.25);
        // 0.75 tokens missing at 0.5 tokens per second: 1.5 s.
        assertThat(take.retryAfterMs()).isEqualTo(1500);
        assertThat(take.after()).isEqualTo(new RateLimit(3, 0, 5500, 0.5));
    }

    @Test
    void retryAfterRoundsUpSoWaitingThatLongIsEnough() {
        TokenBucket.Take take = TokenBucket.take(0, 0, 3, 1);

        assertThat(take.retryAfterMs()).isEqualTo(334);
        assertThat(TokenBucket.take(0, take.retryAfterMs() / 1000.0, 3, 1).taken()).isTrue();
    }

    @Test
    void aClockThatSeemsToGoBackRefillsNothing() {
        assertThat(TokenBucket.take(1.5, -10, 1, 5).tokensLeft()).isEqualTo(0.5);
    }
}
