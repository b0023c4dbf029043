package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.Clock;
import dev.heavyweight.balancer.scheduler.SchedulerSettings;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/** Builds the one {@link SlotScheduler} from configuration, reporting node changes to the {@link NodeRegistry}. */
@ApplicationScoped
public class SchedulerProducer {

    @Produces
    @Singleton
    SlotScheduler scheduler(BalancerConfig config, NodeRegistry registry) {
        return new SlotScheduler(settings(config), config.policy().create(), Clock.SYSTEM, registry);
    }

    static SchedulerSettings settings(BalancerConfig config) {
        return new SchedulerSettings(config.maxQueue(), config.ejectAfter(), config.readmitAfter().toNanos(),
                config.readmitSuccesses(), config.ewmaAlpha(), config.initialServiceTime().toNanos(),
                Set.copyOf(config.models()), config.modelSlots());
    }
}
