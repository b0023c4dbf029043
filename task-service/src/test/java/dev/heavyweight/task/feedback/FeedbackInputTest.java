package dev.heavyweight.task.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heavyweight.task.service.InvalidFieldException;
import org.junit.jupiter.api.Test;

class FeedbackInputTest {

    @Test
    void anyOneFieldIsEnough() {
        assertThat(new FeedbackInput("alice", true, null, null).accepted()).isTrue();
        assertThat(new FeedbackInput("alice", null, 5, null).rating()).isEqualTo(5);
        assertThat(new FeedbackInput(null, null, null, "").comment()).isEmpty();
        assertThat(new FeedbackInput("alice", null, 1, "line one\nline two\tend").comment()).contains("\n");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> new FeedbackInput("alice", null, null, null))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("feedback: give at least one of accepted, rating and comment");
        assertThatThrownBy(() -> new FeedbackInput("alice", null, 0, null)).hasMessage("rating: must be between 1 and 5");
        assertThatThrownBy(() -> new FeedbackInput("alice", null, 6, null)).hasMessage("rating: must be between 1 and 5");
        assertThatThrownBy(() -> new FeedbackInput("alice", null, null, "x".repeat(2001)))
                .hasMessage("comment: must be at most 2000 characters");
        assertThatThrownBy(() -> new FeedbackInput("alice", null, null, "nice\u0000"))
                .hasMessageStartingWith("comment: must not contain control characters");
        assertThatThrownBy(() -> new FeedbackInput("a\u0007", true, null, null))
                .hasMessageStartingWith("user: must not contain control characters");
    }

    @Test
    void countsTheCommentInCodePoints() {
        String emoji = "\uD83D\uDE00";

        assertThat(new FeedbackInput("alice", null, null, emoji.repeat(2000)).comment()).hasSize(4000);
    }
}
