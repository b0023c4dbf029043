package dev.heavyweight.adminaccess;

import io.netty.util.NetUtil;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address block such as {@code 127.0.0.0/8} or {@code ::1} (a single address). Addresses
 * are parsed as literals only, never looked up in DNS, and an IPv4-mapped IPv6 address
 * ({@code ::ffff:127.0.0.1}, what a dual-stack socket reports for an IPv4 peer) counts as the IPv4 address.
 */
public final class CidrBlock {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private CidrBlock(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.text = NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }

    /** Parses {@code address} or {@code address/prefix}; SmallRye Config uses this to convert config values. */
    public static CidrBlock of(String value) {
        String trimmed = value.trim();
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(host).orElseThrow(() -> new IllegalArgumentException(
                "'" + value + "' is not an IP address or CIDR block (e.g. 127.0.0.0/8, ::1, 10.0.0.0/8)"));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + value + "' has a prefix outside 0.." + bits);
            }
        }
        return new CidrBlock(masked(address, prefix), prefix);
    }

    /** The bytes of an IP literal (4 for IPv4, including IPv4-mapped IPv6; 16 for IPv6); empty if not one. */
    public static Optional<byte[]> literal(String host) {
        if (host == null) {
            return Optional.empty();
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
        if (address == null) {
            return Optional.empty();
        }
        return Optional.of(isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address);
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address, prefix), network);
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xff << (8 - keep));
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock block && block.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
