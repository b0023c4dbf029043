package dev.heavyweight.task.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may reach. Everything public is allowed; loopback, link-local (the cloud
 * metadata endpoint 169.254.169.254 among them), private, unique-local, carrier-grade NAT, unspecified and
 * multicast addresses are refused unless the allow-list names the host or covers the address, so a
 * tenant cannot make the platform POST into its own network.
 */
public final class AddressPolicy {

    private static final List<Cidr> REFUSED_IPV4 = List.of(
            Cidr.parse("0.0.0.0/8"),
            Cidr.parse("10.0.0.0/8"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("224.0.0.0/4"),
            Cidr.parse("255.255.255.255/32"));
    private static final Cidr UNIQUE_LOCAL = Cidr.parse("fc00::/7");

    private final List<String> allowedHosts;
    private final List<Cidr> allowedRanges;

    /** @param allowList host names, IP addresses or CIDR ranges ({@code heavyweight.task.webhooks.allowed-hosts}) */
    public AddressPolicy(List<String> allowList) {
        this.allowedHosts = allowList.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .filter(entry -> !Cidr.isAddressOrRange(entry)).map(WebhookAddresses::normalise).toList();
        this.allowedRanges = allowList.stream().map(String::trim).filter(Cidr::isAddressOrRange).map(Cidr::parse).toList();
    }

    /** Whether the allow-list names {@code host} itself (then every address it resolves to is fine). */
    public boolean allowsHost(String host) {
        return allowedHosts.contains(WebhookAddresses.normalise(host));
    }

    /** Why {@code address} may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return kind(address).map(kind -> "resolves to " + address.getHostAddress() + ", a " + kind
                + " address webhooks may not reach");
    }

    private static Optional<String> kind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            return REFUSED_IPV4.stream().filter(range -> range.contains(address)).findFirst()
                    .map(range -> "private or reserved (" + range + ")");
        }
        if (address instanceof Inet6Address v6) {
            if (address.isSiteLocalAddress() || UNIQUE_LOCAL.contains(address)) {
                return Optional.of("private (unique-local)");
            }
            Optional<InetAddress> embedded = WebhookAddresses.embeddedIpv4(v6);
            if (embedded.isPresent()) {
                return kind(embedded.get());
            }
        }
        return Optional.empty();
    }
}
