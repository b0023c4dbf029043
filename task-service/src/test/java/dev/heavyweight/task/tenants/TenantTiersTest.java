package dev.heavyweight.task.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantTiersTest {

    private static final Tier FREE = new Tier("free", 2, 1, 5, 10);
    private static final Tier STANDARD = new Tier("standard", 5, 10, 40, 200);
    private static final Tier PRO = new Tier("pro", 8, 100, 200, 5000);
    private static final Map<String, Tier> TIERS = Map.of("free", FREE, "standard", STANDARD, "pro", PRO);

    private final TenantTiers tiers = new TenantTiers(Map.of("acme", "pro", "hobbyist", "free"), TIERS, "standard");

    @Test
    void tenantsGetTheirTierAndUnknownTenantsTheDefaultTier() {
        assertThat(tiers.of("acme")).isEqualTo(PRO);
        assertThat(tiers.of("hobbyist")).isEqualTo(FREE);
        assertThat(tiers.of("someone")).isEqualTo(STANDARD);
    }

    @Test
    void firstAttemptGetsTheTiersPriorityAndEveryRetryOneMoreUpToTen() {
        assertThat(tiers.priority("someone", 0)).isEqualTo(5);
        assertThat(tiers.priority("someone", 1)).isEqualTo(5);
        assertThat(tiers.priority("someone", 2)).isEqualTo(6);
        assertThat(tiers.priority("hobbyist", 3)).isEqualTo(4);
        assertThat(tiers.priority("acme", 3)).isEqualTo(10);
        assertThat(tiers.priority("acme", 9)).isEqualTo(10);
    }

    @Test
    void refusesUndefinedTiersNamingTheKey() {
        assertThatThrownBy(() -> new TenantTiers(Map.of("acme", "gold"), TIERS, "standard"))
                .hasMessageContaining("heavyweight.task.tenant-tiers.acme").hasMessageContaining("'gold'")
                .hasMessageContaining("[free, pro, standard]");
        assertThatThrownBy(() -> new TenantTiers(Map.of(), TIERS, "basic"))
                .hasMessageContaining("heavyweight.task.default-tier").hasMessageContaining("'basic'");
    }

    @Test
    void refusesValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> only(new Tier("standard", 11, 1, 1, 1)))
                .hasMessageContaining("heavyweight.task.tiers.standard.priority must be between 0 and 10");
        assertThatThrownBy(() -> only(new Tier("standard", 5, 0, 1, 1)))
                .hasMessageContaining("heavyweight.task.tiers.standard.rate");
        assertThatThrownBy(() -> only(new Tier("standard", 5, Double.NaN, 1, 1)))
                .hasMessageContaining("heavyweight.task.tiers.standard.rate");
        assertThatThrownBy(() -> only(new Tier("standard", 5, 1, 0, 1)))
                .hasMessageContaining("heavyweight.task.tiers.standard.burst");
        assertThatThrownBy(() -> only(new Tier("standard", 5, 1, 1, 0)))
                .hasMessageContaining("heavyweight.task.tiers.standard.max-unfinished");
    }

    private static TenantTiers only(Tier tier) {
        return new TenantTiers(Map.of(), Map.of(tier.name(), tier), tier.name());
    }
}
