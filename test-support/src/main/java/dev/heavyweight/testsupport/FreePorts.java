package dev.heavyweight.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Loopback ports that were free a moment ago; never hands out the same one twice in a JVM. */
public final class FreePorts {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int tries = 0; tries < 100; tries++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (GIVEN.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }

    /** {@code count} consecutive free ports (for processes that bind a port range). */
    public static synchronized int nextRange(int count) {
        for (int tries = 0; tries < 100; tries++) {
            int first = next();
            boolean allFree = true;
            for (int p = first + 1; p < first + count && allFree; p++) {
                allFree = !GIVEN.contains(p) && isFree(p);
            }
            if (allFree) {
                for (int p = first + 1; p < first + count; p++) {
                    GIVEN.add(p);
                }
                return first;
            }
        }
        throw new IllegalStateException("no range of " + count + " free loopback ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
