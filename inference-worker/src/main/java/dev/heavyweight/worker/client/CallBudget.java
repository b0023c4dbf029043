package dev.heavyweight.worker.client;

import dev.heavyweight.contracts.messages.JobMessage;
import java.time.Duration;

/**
 * How long one call made for a job may take: the earlier of the job's own deadline and the call's
 * configured timeout, and whether the job's deadline (rather than the timeout) set it. A call cut by the
 * job's deadline that runs out means the task expired; one cut by its timeout is a transient failure.
 */
record CallBudget(long timeoutMs, boolean jobDeadlineCut) {

    static CallBudget of(JobMessage job, Duration timeout) {
        long timeoutMs = timeout.toMillis();
        if (job.deadlineMs() > 0) {
            long leftMs = job.deadlineMs() - System.currentTimeMillis();
            if (leftMs <= timeoutMs) {
                return new CallBudget(leftMs, true);
            }
        }
        return new CallBudget(timeoutMs, false);
    }

    /** True when the job's deadline passed already: the call must not be made. */
    boolean spent() {
        return timeoutMs <= 0;
    }
}
