package dev.heavyweight.balancer.scheduler;

/** How a request on a node ended, as far as the node's health and speed estimate are concerned. */
public enum Outcome {
    /** Answered: the service time feeds the node's estimate for the model. */
    SUCCESS,
    /** The node failed (unavailable, internal error, broken connection): counts towards ejection. */
    NODE_FAILURE,
    /** The node answered with an error about the request itself (unknown model, bad tensor). */
    REQUEST_ERROR,
    /** Abandoned before an answer (caller cancelled, deadline passed): says nothing about the node. */
    CANCELLED
}
