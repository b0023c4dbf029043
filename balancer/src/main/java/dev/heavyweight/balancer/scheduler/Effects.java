package dev.heavyweight.balancer.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Callbacks decided under the scheduler's lock and run after it is released, so that listeners may call the
 * scheduler again. Every callback runs even if an earlier one throws: a skipped dispatch would leak a slot.
 */
final class Effects {

    private final List<Runnable> pending = new ArrayList<>();

    void add(Runnable effect) {
        pending.add(effect);
    }

    void run() {
        RuntimeException failure = null;
        for (Runnable effect : pending) {
            try {
                effect.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
