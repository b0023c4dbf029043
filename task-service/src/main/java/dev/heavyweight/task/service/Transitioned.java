package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.repository.TaskEntity;

/** A task as committed after a trigger, and what the state machine decided about it. */
public record Transitioned(TaskEntity task, Decision decision) {
}
