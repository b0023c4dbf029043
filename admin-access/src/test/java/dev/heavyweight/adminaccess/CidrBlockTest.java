package dev.heavyweight.adminaccess;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrBlockTest {

    @Test
    void ipv4BlocksContainTheirAddressesOnly() {
        CidrBlock loopback = CidrBlock.of("127.0.0.0/8");
        assertThat(loopback.contains(address("127.0.0.1"))).isTrue();
        assertThat(loopback.contains(address("127.255.255.254"))).isTrue();
        assertThat(loopback.contains(address("128.0.0.1"))).isFalse();
        assertThat(loopback.contains(address("::1"))).isFalse();
        assertThat(CidrBlock.of("10.1.2.3/16")).hasToString("10.1.0.0/16");
        assertThat(CidrBlock.of("10.1.2.3/16").contains(address("10.1.200.7"))).isTrue();
        assertThat(CidrBlock.of("192.168.1.7").contains(address("192.168.1.8"))).isFalse();
        assertThat(CidrBlock.of("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
    }

    @Test
    void ipv6BlocksAndSingleAddresses() {
        CidrBlock loopback = CidrBlock.of("::1");
        assertThat(loopback.contains(address("::1"))).isTrue();
        assertThat(loopback.contains(address("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(loopback.contains(address("::2"))).isFalse();
        assertThat(loopback.contains(address("127.0.0.1"))).isFalse();
        CidrBlock ula = CidrBlock.of("fd00::/8");
        assertThat(ula.contains(address("fd12:3456::1"))).isTrue();
        assertThat(ula.contains(address("fe80::1"))).isFalse();
        assertThat(CidrBlock.of("2001:db8::/33").contains(address("2001:db8:7fff::1"))).isTrue();
        assertThat(CidrBlock.of("2001:db8::/33").contains(address("2001:db8:8000::1"))).isFalse();
    }

    @Test
    void anIpv4MappedPeerCountsAsItsIpv4Address() {
        // What a dual-stack listener reports for an IPv4 client.
        assertThat(CidrBlock.of("127.0.0.0/8").contains(address("::ffff:127.0.0.1"))).isTrue();
        assertThat(CidrBlock.of("::1").contains(address("::ffff:127.0.0.1"))).isFalse();
    }

    @Test
    void namesAndBadBlocksAreRefused() {
        assertThat(CidrBlock.literal("localhost")).isEmpty();
        assertThat(CidrBlock.literal(null)).isEmpty();
        assertThatThrownBy(() -> CidrBlock.of("localhost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrBlock.of("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..32");
        assertThatThrownBy(() -> CidrBlock.of("::1/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrBlock.of("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] address(String literal) {
        return CidrBlock.literal(literal).orElseThrow();
    }
}
