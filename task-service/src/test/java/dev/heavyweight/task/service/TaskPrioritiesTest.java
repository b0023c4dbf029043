package dev.heavyweight.task.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPrioritiesTest {

    private static final Map<String, Integer> TIERS = Map.of("free", 2, "standard", 4, "premium", 7);

    private final TaskPriorities priorities = new TaskPriorities(
            Map.of("acme", "premium", "hobbyist", "free"), TIERS, "standard");

    @Test
    void firstAttemptGetsTheTenantsTierAndUnknownTenantsTheDefaultTier() {
        assertThat(priorities.of("acme", 1)).isEqualTo(7);
        assertThat(priorities.of("hobbyist", 1)).isEqualTo(2);
        assertThat(priorities.of("someone", 1)).isEqualTo(4);
        assertThat(priorities.of("someone", 0)).isEqualTo(4);
    }

    @Test
    void everyRetryRaisesThePriorityByOneUpToTen() {
        assertThat(priorities.of("someone", 2)).isEqualTo(5);
        assertThat(priorities.of("someone", 3)).isEqualTo(6);
        assertThat(priorities.of("acme", 4)).isEqualTo(10);
        assertThat(priorities.of("acme", 9)).isEqualTo(10);
    }

    @Test
    void refusesTiersWithoutAPriorityAndPrioritiesOutsideTheLaneRange() {
        assertThatThrownBy(() -> new TaskPriorities(Map.of("acme", "gold"), TIERS, "standard"))
                .hasMessageContaining("heavyweight.task.tenant-tiers.acme").hasMessageContaining("gold");
        assertThatThrownBy(() -> new TaskPriorities(Map.of(), TIERS, "basic"))
                .hasMessageContaining("heavyweight.task.default-tier");
        assertThatThrownBy(() -> new TaskPriorities(Map.of(), Map.of("standard", 11), "standard"))
                .hasMessageContaining("between 0 and 10");
    }
}
