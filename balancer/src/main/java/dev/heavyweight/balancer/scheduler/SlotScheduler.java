package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admission and node state of the balancer, free of gRPC and Quarkus. Every change runs under one lock and
 * ends by settling the queue: requests whose deadline passed or that no node could ever take leave it, and
 * every free slot goes to the first waiting request it fits (interactive before batch, oldest first). So
 * after each call no free slot idles while a request it could serve waits (work conservation). Listeners
 * and {@link NodeEvents} are called after the lock is released.
 */
public final class SlotScheduler {

    private final SchedulerSettings settings;
    private final DispatchPolicy policy;
    private final Clock clock;
    private final NodeEvents events;
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private final AdmissionQueue queue;
    private long nextSequence;
    private long nextOrder;

    public SlotScheduler(SchedulerSettings settings, DispatchPolicy policy, Clock clock, NodeEvents events) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.queue = new AdmissionQueue(settings.maxQueue());
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
            }
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

    /** Takes a waiting ticket out of the queue; false when it is not waiting (running, finished or refused). */
    public synchronized boolean cancel(Ticket ticket) {
        if (ticket.stage() != Ticket.Stage.QUEUED) {
            return false;
        }
        queue.remove(ticket);
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
            node.finished(ticket.model(), outcome, now - lease.startedAt(), now, othersTakeWork);
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

    /** The waiting tickets, in the order slots go to them. */
    synchronized List<Ticket> waiting() {
        return queue.inOrder();
    }

    public synchronized int queueDepth(Lane lane) {
        return queue.depth(lane);
    }

    /** False for the baselines, which forward at once and never queue. */
    public boolean waitsForFreeSlot() {
        return policy.waitsForFreeSlot();
    }

    public int queueCapacity() {
        return queue.capacity();
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

    /** Applies a change under the lock, settles the queue, then runs the collected callbacks. */
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
        int free = nodes.values().stream().mapToInt(NodeState::freeSlots).sum();
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
                .filter(node -> !freeSlotNeeded || node.freeSlots() > 0)
                .toList();
    }

    private static void dispatch(Ticket ticket, NodeState node, long now, Effects effects) {
        node.started();
        Lease lease = ticket.run(node.address(), now);
        effects.add(() -> ticket.listener().dispatched(lease));
    }

    private static void refuse(Ticket ticket, Refusal refusal, Effects effects) {
        ticket.done();
        effects.add(() -> ticket.listener().refused(refusal));
    }
}
