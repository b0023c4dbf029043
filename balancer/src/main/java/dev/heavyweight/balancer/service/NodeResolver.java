package dev.heavyweight.balancer.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses behind a name; blocking, so callers run it on a worker thread. */
public interface NodeResolver {

    List<InetAddress> resolve(String name) throws UnknownHostException;
}
