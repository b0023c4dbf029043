package dev.heavyweight.balancer.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Every A and AAAA record of a name, through the JVM's resolver (a headless Service's name lists one record
 * per ready pod). The JVM caches answers ({@code networkaddress.cache.ttl}, 30 s unless set).
 */
@ApplicationScoped
public class DnsNodeResolver implements NodeResolver {

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(name));
    }
}
