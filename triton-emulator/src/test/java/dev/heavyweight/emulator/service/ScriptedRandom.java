package dev.heavyweight.emulator.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/** A random source that answers the doubles the test scripted, in order. */
final class ScriptedRandom implements RandomGenerator {

    private final Deque<Double> doubles;

    ScriptedRandom(Double... doubles) {
        this.doubles = new ArrayDeque<>(List.of(doubles));
    }

    @Override
    public synchronized double nextDouble() {
        Double next = doubles.pollFirst();
        if (next == null) {
            throw new IllegalStateException("the test scripted no more random numbers");
        }
        return next;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is scripted");
    }
}
