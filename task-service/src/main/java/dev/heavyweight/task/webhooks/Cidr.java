package dev.heavyweight.task.webhooks;

import java.net.InetAddress;
import java.util.Arrays;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a range of one. */
public record Cidr(byte[] network, int prefixLength, String text) {

    /** True for an IP address or range literal, false for a host name (host names never contain ':' or '/'). */
    static boolean isAddressOrRange(String entry) {
        String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
        return address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Parses a literal, never resolving a name; {@link IllegalArgumentException} when it is none. */
    static Cidr parse(String text) {
        String[] parts = text.split("/", 2);
        if (!isAddressOrRange(parts[0])) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
        }
        byte[] network = WebhookAddresses.literal(parts[0]).getAddress();
        int prefix = parts.length == 2 && parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1])
                : parts.length == 2 ? -1 : network.length * 8;
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        return new Cidr(network, prefix, text);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, full, network, 0, full)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
