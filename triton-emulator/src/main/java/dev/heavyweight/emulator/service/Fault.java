package dev.heavyweight.emulator.service;

import io.grpc.Status;

/** What an injected fault does to one request: nothing, fail it with a status, or hang it. */
public record Fault(Kind kind, Status status) {

    public enum Kind { NONE, FAIL, HANG }

    static final Fault NONE = new Fault(Kind.NONE, null);
    static final Fault HANG = new Fault(Kind.HANG, null);

    static Fault fail(Status.Code code) {
        return new Fault(Kind.FAIL, Status.fromCode(code).withDescription("injected fault"));
    }

    public boolean fails() {
        return kind == Kind.FAIL;
    }

    public boolean hangs() {
        return kind == Kind.HANG;
    }
}
