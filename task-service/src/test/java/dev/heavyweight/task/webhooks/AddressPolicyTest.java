package dev.heavyweight.task.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Only IP literals: nothing here resolves a name. */
class AddressPolicyTest {

    private final AddressPolicy none = new AddressPolicy(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "::1, loopback",
            "169.254.169.254, link-local",
            "fe80::1, link-local",
            "10.1.2.3, 10.0.0.0/8",
            "172.16.0.1, 172.16.0.0/12",
            "172.31.255.255, 172.16.0.0/12",
            "192.168.1.1, 192.168.0.0/16",
            "100.64.0.1, 100.64.0.0/10",
            "100.127.255.254, 100.64.0.0/10",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "0.0.0.0, unspecified",
            ":: , unspecified",
            "0.1.2.3, 0.0.0.0/8",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "255.255.255.255, 255.255.255.255/32",
            "::ffff:10.0.0.1, 10.0.0.0/8",
            "::ffff:127.0.0.1, loopback",
            "64:ff9b::a9fe:a9fe, link-local"})
    void refusesNonPublicAddresses(String address, String kind) throws Exception {
        assertThat(none.refusal(InetAddress.getByName(address))).hasValueSatisfying(reason -> assertThat(reason)
                .contains(kind).contains("webhooks may not reach"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:4700::1111"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(none.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void theAllowListAdmitsNamedHostsAddressesAndRanges() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1", "10.20.0.0/16", "Hooks.Internal.", "fd00::/8"));

        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("10.20.7.7"))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.21.0.1"))).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("fd00::5"))).isEmpty();
        assertThat(policy.allowsHost("hooks.internal")).isTrue();
        assertThat(policy.allowsHost("HOOKS.internal.")).isTrue();
        assertThat(policy.allowsHost("other.internal")).isFalse();
    }

    @Test
    void aMalformedAllowListEntryIsRefused() {
        assertThatThrownBy(() -> new AddressPolicy(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new AddressPolicy(List.of("300.1.1.1"))).hasMessageContaining("300.1.1.1");
    }
}
