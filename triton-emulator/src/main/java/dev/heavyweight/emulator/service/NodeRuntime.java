package dev.heavyweight.emulator.service;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the nodes of a fleet share.
 *
 * @param generator         draws the images
 * @param timer             waits out execution times without a thread per request
 * @param renderer          threads that draw images and hand slots over
 * @param clock             time of arrivals, starts, finishes and busy accounting
 * @param utilizationWindow window of the utilisation and power readings
 * @param sink              receives every finished execution
 * @param safety            runs the safety model, for every node
 */
public record NodeRuntime(ImageGenerator generator, ExecutionTimer timer, Executor renderer, NodeClock clock,
                          Duration utilizationWindow, Consumer<Execution> sink, SafetyRunner safety) {
}
