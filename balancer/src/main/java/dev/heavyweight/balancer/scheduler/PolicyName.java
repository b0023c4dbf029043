package dev.heavyweight.balancer.scheduler;

import java.util.Locale;
import java.util.Random;

/** The dispatch policies by their configuration name ({@code least-loaded}, {@code round-robin}, {@code random}). */
public enum PolicyName {
    LEAST_LOADED,
    ROUND_ROBIN,
    RANDOM;

    public DispatchPolicy create() {
        return switch (this) {
            case LEAST_LOADED -> new LeastLoadedPolicy();
            case ROUND_ROBIN -> new RoundRobinPolicy();
            case RANDOM -> new RandomPolicy(new Random());
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
