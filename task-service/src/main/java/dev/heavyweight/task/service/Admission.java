package dev.heavyweight.task.service;

import dev.heavyweight.task.repository.OutboxRow;

/**
 * What became of an ACCEPTED task once its prompt was judged.
 *
 * @param transitioned the committed change, null when the row was no longer owed
 * @param publish      the row, now a {@code publish}, when the task was queued; else null
 */
record Admission(Transitioned transitioned, OutboxRow publish) {

    static final Admission DROPPED = new Admission(null, null);
}
