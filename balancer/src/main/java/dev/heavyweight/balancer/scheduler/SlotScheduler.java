package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admission and node state of the balancer, free of gRPC and Quarkus. Every node has slot pools: the shared one
 * and one per model with slots of its own ({@link SchedulerSettings#modelSlots()}); each pool has its own bounded
 * admission queue, so a model with its own pool never waits behind another pool's requests, nor they behind it.
 * Every change runs under one lock and ends by settling the queues: requests whose deadline passed or that no node
 * could ever take leave them, and every free slot goes to the first waiting request of its pool it fits
 * (interactive before batch, oldest first). So after each call no free slot idles while a request it could
 * serve waits (work conservation). Listeners and {@link NodeEvents} are called after the lock is released.
 */
public final class SlotScheduler {

    private final SchedulerSettings settings;
    private final DispatchPolicy policy;
    private final Clock clock;
    private final NodeEvents events;
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private final Map<String, AdmissionQueue> queues = new LinkedHashMap<>();
    private long nextSequence;
    private long nextOrder;

    public SlotScheduler(SchedulerSettings settings, DispatchPolicy policy, Clock clock, NodeEvents events) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        settings.pools().forEach(pool -> queues.put(pool, new AdmissionQueue(settings.maxQueue())));
    }

    /** Adds a node (taking work after its first good poll); a node asked to leave is kept after all. */
    public void addNode(String address, int slots) {
        change(effects -> {
            NodeState known = nodes.get(address);
            if (known == null) {
                nodes.put(address, new NodeState(address, nextOrder++, slots, settings));
            } else {
                known.leaving(false);
            }
            return null;
        });
    }

    /** Gives the node no new work and forgets it once its requests in flight have finished. */
    public void removeNode(String address) {
        onNode(address, node -> node.leaving(true));
    }

    /** Stops (or, with {@code false}, resumes) new work for a node; false if the node is unknown. */
    public boolean drain(String address, boolean drained) {
        return onNode(address, node -> node.drained(drained));
    }

    /** A poll found the node ready, serving {@code readyModels} among the tracked models. */
    public void pollSucceeded(String address, Set<String> readyModels) {
        onNode(address, node -> node.pollSucceeded(readyModels, clock.nanos()));
    }

    public void pollFailed(String address) {
        onNode(address, node -> node.pollFailed(clock.nanos()));
    }

    /**
     * Dispatches the ticket to a node, queues it, or refuses it. A ticket whose attempt failed may be submitted
     * again: it keeps its place in line, skips the nodes it was tried on and is admitted even to a full queue.
     */
    public void submit(Ticket ticket) {
        change(effects -> {
            if (ticket.stage() == Ticket.Stage.QUEUED || ticket.stage() == Ticket.Stage.RUNNING) {
                throw new IllegalStateException("ticket is already " + ticket.stage());
            }
            long now = clock.nanos();
            boolean retry = ticket.hasSequence();
            if (!retry) {
                ticket.sequence(nextSequence++);
                ticket.pool(settings.poolOf(ticket.model()));
            }
            AdmissionQueue queue = queues.get(ticket.pool());
            ticket.entered(now);
            List<NodeState> free = candidates(ticket, policy.waitsForFreeSlot());
            if (ticket.deadline() <= now) {
                refuse(ticket, Refusal.DEADLINE_EXCEEDED, effects);
            } else if (candidates(ticket, false).isEmpty()) {
                refuse(ticket, Refusal.NO_NODE, effects);
            } else if (!free.isEmpty()) {
                // Settling left no free slot that fits an older ticket, so this one may take it.
                dispatch(ticket, policy.choose(free, ticket), now, effects);
            } else if (queue.full() && !retry) {
                refuse(ticket, Refusal.QUEUE_FULL, effects);
            } else {
                ticket.queued();
                queue.add(ticket);
            }
            return null;
        });
    }

    /** Takes a waiting ticket out of its queue; false when it is not waiting (running, finished or refused). */
    public synchronized boolean cancel(Ticket ticket) {
        if (ticket.stage() != Ticket.Stage.QUEUED) {
            return false;
        }
        queues.get(ticket.pool()).remove(ticket);
        ticket.done();
        return true;
    }

    /** Frees the lease's slot and records how the attempt ended; a lease already released is ignored. */
    public void release(Lease lease, Outcome outcome) {
        change(effects -> {
            Ticket ticket = lease.ticket();
            if (ticket.lease() != lease) {
                return null;
            }
            ticket.done();
            NodeState node = nodes.get(lease.node());
            NodeHealth before = node.health();
            long now = clock.nanos();
            boolean othersTakeWork = nodes.values().stream().anyMatch(other -> other != node && other.accepting());
            node.finished(ticket.pool(), ticket.model(), outcome, now - lease.startedAt(), now, othersTakeWork);
            afterNodeChange(node, before, effects);
            return null;
        });
    }

    /** Refuses every waiting ticket whose deadline has passed. */
    public void expireOverdue() {
        change(effects -> null);
    }

    public synchronized List<NodeSnapshot> nodes() {
        return nodes.values().stream().map(NodeState::snapshot).toList();
    }

    public synchronized Optional<NodeSnapshot> node(String address) {
        return Optional.ofNullable(nodes.get(address)).map(NodeState::snapshot);
    }

    /** The waiting tickets, pool by pool, in the order each pool's slots go to them. */
    synchronized List<Ticket> waiting() {
        return queues.values().stream().flatMap(queue -> queue.inOrder().stream()).toList();
    }

    /** Requests of the lane waiting, over all pools. */
    public synchronized int queueDepth(Lane lane) {
        return queues.values().stream().mapToInt(queue -> queue.depth(lane)).sum();
    }

    public synchronized int queueDepth(String pool, Lane lane) {
        return queues.get(pool).depth(lane);
    }

    /** The slot pools every node has, the shared one first. */
    public List<String> pools() {
        return settings.pools();
    }

    /** The slot pool a model's requests use. */
    public String poolOf(String model) {
        return settings.poolOf(model);
    }

    /**
     * True while a node taking work serves a generation model ({@link SchedulerSettings#generationModels()}),
     * or, when none is tracked, while any node takes work: a node serving only the safety model cannot generate.
     */
    public synchronized boolean ready() {
        Set<String> generation = settings.generationModels();
        return nodes.values().stream().filter(NodeState::accepting)
                .anyMatch(node -> generation.isEmpty() || generation.stream().anyMatch(node::serves));
    }

    /** For each tracked model, the nodes taking work that serve it. */
    public synchronized Map<String, Integer> readyNodesByModel() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String model : settings.trackedModels()) {
            counts.put(model, (int) nodes.values().stream()
                    .filter(node -> node.accepting() && node.serves(model)).count());
        }
        return counts;
    }

    /** False for the baselines, which forward at once and never queue. */
    public boolean waitsForFreeSlot() {
        return policy.waitsForFreeSlot();
    }

    /** Requests that may wait in each pool's queue. */
    public int queueCapacity() {
        return settings.maxQueue();
    }

    private boolean onNode(String address, Consumer<NodeState> nodeChange) {
        return change(effects -> {
            NodeState node = nodes.get(address);
            if (node == null) {
                return false;
            }
            NodeHealth before = node.health();
            nodeChange.accept(node);
            afterNodeChange(node, before, effects);
            return true;
        });
    }

    private void afterNodeChange(NodeState node, NodeHealth before, Effects effects) {
        NodeHealth after = node.health();
        if (after != before) {
            effects.add(() -> events.healthChanged(node.address(), before, after));
        }
        if (node.leaving() && node.inflight() == 0) {
            nodes.remove(node.address());
            effects.add(() -> events.removed(node.address()));
        }
    }

    /** Applies a change under the lock, settles the queues, then runs the collected callbacks. */
    private <T> T change(Function<Effects, T> change) {
        Effects effects = new Effects();
        T result;
        synchronized (this) {
            result = change.apply(effects);
            settle(effects);
        }
        effects.run();
        return result;
    }

    private void settle(Effects effects) {
        long now = clock.nanos();
        queues.forEach((pool, queue) -> settle(pool, queue, now, effects));
    }

    private void settle(String pool, AdmissionQueue queue, long now, Effects effects) {
        int free = nodes.values().stream().mapToInt(node -> node.freeSlots(pool)).sum();
        for (Ticket ticket : queue.inOrder()) {
            if (ticket.deadline() <= now) {
                queue.remove(ticket);
                refuse(ticket, Refusal.DEADLINE_EXCEEDED, effects);
            } else if (candidates(ticket, false).isEmpty()) {
                queue.remove(ticket);
                refuse(ticket, Refusal.NO_NODE, effects);
            } else if (free > 0) {
                List<NodeState> fitting = candidates(ticket, true);
                if (!fitting.isEmpty()) {
                    queue.remove(ticket);
                    dispatch(ticket, policy.choose(fitting, ticket), now, effects);
                    free--;
                }
            }
        }
    }

    private List<NodeState> candidates(Ticket ticket, boolean freeSlotNeeded) {
        return nodes.values().stream()
                .filter(node -> node.accepting() && node.serves(ticket.model()) && !ticket.triedOn(node.address()))
                .filter(node -> !freeSlotNeeded || node.freeSlots(ticket.pool()) > 0)
                .toList();
    }

    private static void dispatch(Ticket ticket, NodeState node, long now, Effects effects) {
        node.started(ticket.pool());
        Lease lease = ticket.run(node.address(), now);
        effects.add(() -> ticket.listener().dispatched(lease));
    }

    private static void refuse(Ticket ticket, Refusal refusal, Effects effects) {
        ticket.done();
        effects.add(() -> ticket.listener().refused(refusal));
    }
}
