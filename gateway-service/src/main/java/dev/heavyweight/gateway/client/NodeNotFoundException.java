package dev.heavyweight.gateway.client;

/** The balancer knows no GPU node with this address. */
public class NodeNotFoundException extends RuntimeException {

    public NodeNotFoundException(String address) {
        super("no node " + address);
    }
}
