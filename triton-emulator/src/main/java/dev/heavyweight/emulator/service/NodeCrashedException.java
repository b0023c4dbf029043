package dev.heavyweight.emulator.service;

/** Ends the requests a node held when it crashed; their callers learn of it from the dropped connection. */
public final class NodeCrashedException extends RuntimeException {

    public NodeCrashedException(String node) {
        super("node " + node + " crashed", null, false, false);
    }
}
