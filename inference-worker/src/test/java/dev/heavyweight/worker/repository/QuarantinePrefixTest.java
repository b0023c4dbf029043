package dev.heavyweight.worker.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuarantinePrefixTest {

    @Test
    void aFolderOutsideTheTenantsKeysIsAccepted() {
        assertThat(ResultStore.checkedQuarantinePrefix("quarantine/")).isEqualTo("quarantine/");
        assertThat(ResultStore.checkedQuarantinePrefix("review/blocked/")).isEqualTo("review/blocked/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "quarantine", "/quarantine/", "tenants/", "tenants/quarantine/"})
    void aPrefixThatCouldReachATenantsKeyIsRefused(String prefix) {
        assertThatThrownBy(() -> ResultStore.checkedQuarantinePrefix(prefix))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("heavyweight.worker.storage.quarantine-prefix");
    }
}
