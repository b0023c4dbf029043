package dev.heavyweight.balancer.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSelectorTest {

    private final NodeSelector selector = new NodeSelector();

    @Test
    void choosesTheReadyNodeWithFewestRequestsInFlight() {
        List<Node> nodes = List.of(node("a", true, 3), node("b", true, 1), node("c", true, 2));

        assertThat(selector.select(nodes, Set.of())).map(Node::address).contains("b");
    }

    @Test
    void skipsNodesThatAreNotReadyEvenWhenIdle() {
        List<Node> nodes = List.of(node("a", false, 0), node("b", true, 5), node("c", false, 0));

        assertThat(selector.select(nodes, Set.of())).map(Node::address).contains("b");
    }

    @Test
    void skipsExcludedNodes() {
        List<Node> nodes = List.of(node("a", true, 0), node("b", true, 4));

        assertThat(selector.select(nodes, Set.of("a"))).map(Node::address).contains("b");
    }

    @Test
    void tiesRotateAcrossNodes() {
        List<Node> nodes = List.of(node("a", true, 1), node("b", true, 1), node("c", true, 1));
        List<String> chosen = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            chosen.add(selector.select(nodes, Set.of()).orElseThrow().address());
        }

        assertThat(chosen).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void tiesRotateOnlyAmongTheLeastLoaded() {
        List<Node> nodes = List.of(node("a", true, 0), node("b", true, 2), node("c", true, 0));
        List<String> chosen = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            chosen.add(selector.select(nodes, Set.of()).orElseThrow().address());
        }

        assertThat(chosen).containsExactly("a", "c", "a", "c");
    }

    @Test
    void noReadyNodeMeansNoChoice() {
        List<Node> nodes = List.of(node("a", false, 0), node("b", true, 0));

        assertThat(selector.select(nodes, Set.of("b"))).isEmpty();
        assertThat(selector.select(List.<Node>of(), Set.of())).isEmpty();
    }

    private static Node node(String address, boolean ready, int inflight) {
        return new Node(address, ready, inflight);
    }

    private record Node(String address, boolean ready, int inflight) implements NodeView {
    }
}
