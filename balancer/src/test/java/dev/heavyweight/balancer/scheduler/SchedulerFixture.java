package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A scheduler on a fake clock with the two Stable Diffusion models and the safety model tracked, the safety model
 * with {@value #SAFETY_SLOTS} slots of its own per node, and shorthand to drive it.
 */
class SchedulerFixture {

    static final String SD15 = "stable_diffusion_1_5";
    static final String SDXL = "stable_diffusion_xl";
    static final String SAFETY = "nsfw_mobilenet_v2";
    static final int SAFETY_SLOTS = 2;
    static final Duration READMIT_AFTER = Duration.ofSeconds(5);

    final FakeClock clock = new FakeClock();
    final RecordedNodeEvents events = new RecordedNodeEvents();
    final SlotScheduler scheduler;
    private int requests;

    SchedulerFixture(DispatchPolicy policy, int maxQueue) {
        SchedulerSettings settings = new SchedulerSettings(maxQueue, 3, READMIT_AFTER.toNanos(), 2, 0.5,
                Duration.ofSeconds(2).toNanos(), Set.of(SD15, SDXL, SAFETY), Map.of(SAFETY, SAFETY_SLOTS));
        scheduler = new SlotScheduler(settings, policy, clock, events);
    }

    /** A node that has answered one good poll serving {@code models} (both SD models when none are named). */
    void readyNode(String address, int slots, String... models) {
        scheduler.addNode(address, slots);
        scheduler.pollSucceeded(address, models.length == 0 ? Set.of(SD15, SDXL) : Set.of(models));
    }

    Request submit(String model, Lane lane) {
        return submit(model, lane, Duration.ofMinutes(5));
    }

    Request submit(String model, Lane lane, Duration timeout) {
        Request request = new Request("r" + ++requests, model, lane, clock.nanos() + timeout.toNanos());
        scheduler.submit(request.ticket);
        return request;
    }

    Request submit() {
        return submit(SD15, Lane.INTERACTIVE);
    }

    /** Lets {@code duration} pass on the request's node, then ends it with {@code outcome}. */
    void finish(Request request, Duration duration, Outcome outcome) {
        clock.advance(duration);
        scheduler.release(request.lease(), outcome);
    }

    void succeed(Request request) {
        scheduler.release(request.lease(), Outcome.SUCCESS);
    }

    void failPolls(String address, int times) {
        for (int i = 0; i < times; i++) {
            scheduler.pollFailed(address);
        }
    }

    PoolSnapshot pool(String address, String pool) {
        return node(address).pool(pool);
    }

    NodeSnapshot node(String address) {
        return scheduler.node(address).orElseThrow();
    }
}
