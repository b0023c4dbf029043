package dev.heavyweight.balancer.scheduler;

/** Where a node stands with its health checks and inference results. */
public enum NodeHealth {
    /** Known but never polled ready yet: takes no work. */
    JOINING,
    /** Takes work on all its slots. */
    READY,
    /** Back from ejection on probation: one slot until enough requests succeed, ejected again on any failure. */
    READMITTING,
    /** Failed too many polls or requests in a row: takes no work until a poll succeeds after the cool-off. */
    EJECTED
}
