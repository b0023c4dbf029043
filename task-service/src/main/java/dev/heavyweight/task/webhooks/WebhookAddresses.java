package dev.heavyweight.task.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Small facts about hosts and addresses that the policy needs. */
final class WebhookAddresses {

    /** NAT64 (RFC 6052): an IPv4 address in the last 32 bits. */
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private WebhookAddresses() {
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    static String normalise(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** An IP literal as an address; never a lookup (a malformed literal is refused, not resolved as a name). */
    static InetAddress literal(String text) {
        String literal = normalise(text);
        try {
            // With a ':' the JDK parses an IPv6 literal and never looks the text up.
            return literal.contains(":") ? InetAddress.getByName(literal) : InetAddress.getByAddress(ipv4(literal));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static byte[] ipv4(String literal) {
        String[] octets = literal.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("four octets expected");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!octets[i].matches("\\d{1,3}") || Integer.parseInt(octets[i]) > 255) {
                throw new IllegalArgumentException("octet out of range");
            }
            bytes[i] = (byte) Integer.parseInt(octets[i]);
        }
        return bytes;
    }

    /** The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}) or NAT64 IPv6 address. */
    static Optional<InetAddress> embeddedIpv4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        boolean compatible = address.isIPv4CompatibleAddress();
        boolean nat64 = Arrays.equals(bytes, 0, 12, NAT64_PREFIX, 0, 12);
        if (!compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
