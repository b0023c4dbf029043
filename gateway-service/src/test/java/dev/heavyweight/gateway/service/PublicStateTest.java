package dev.heavyweight.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.task.TaskState;
import org.junit.jupiter.api.Test;

class PublicStateTest {

    @Test
    void everyStateHasACoarseStatus() {
        assertThat(PublicState.status(TaskState.TASK_STATE_ACCEPTED)).isEqualTo("accepted");
        assertThat(PublicState.status(TaskState.TASK_STATE_QUEUED)).isEqualTo("in_progress");
        assertThat(PublicState.status(TaskState.TASK_STATE_RUNNING)).isEqualTo("in_progress");
        assertThat(PublicState.status(TaskState.TASK_STATE_SUCCEEDED)).isEqualTo("succeeded");
        assertThat(PublicState.status(TaskState.TASK_STATE_FAILED)).isEqualTo("failed");
        assertThat(PublicState.status(TaskState.TASK_STATE_REJECTED)).isEqualTo("failed");
        assertThat(PublicState.status(TaskState.TASK_STATE_CANCELLED)).isEqualTo("failed");
        assertThat(PublicState.status(TaskState.TASK_STATE_EXPIRED)).isEqualTo("failed");
    }

    @Test
    void exactStateIsTheLowerCaseName() {
        assertThat(PublicState.state(TaskState.TASK_STATE_QUEUED)).isEqualTo("queued");
        assertThat(PublicState.state(TaskState.TASK_STATE_CANCELLED)).isEqualTo("cancelled");
    }

    @Test
    void onlyEndStatesAreFinished() {
        assertThat(PublicState.isFinished(TaskState.TASK_STATE_RUNNING)).isFalse();
        assertThat(PublicState.isFinished(TaskState.TASK_STATE_ACCEPTED)).isFalse();
        assertThat(PublicState.isFinished(TaskState.TASK_STATE_EXPIRED)).isTrue();
        assertThat(PublicState.isFinished(TaskState.TASK_STATE_SUCCEEDED)).isTrue();
    }
}
