package dev.heavyweight.emulator.grpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listening socket that remembers the connections it accepted, so a crash can reset them at the TCP level
 * (no GOAWAY, no RST_STREAM), which is what clients of a Triton pod that dies see.
 */
final class ConnectionTrackingChannel extends NioServerSocketChannel {

    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    @Override
    protected int doReadMessages(List<Object> accepted) throws Exception {
        int before = accepted.size();
        int count = super.doReadMessages(accepted);
        for (int i = before; i < accepted.size(); i++) {
            Channel connection = (Channel) accepted.get(i);
            connections.add(connection);
            connection.closeFuture().addListener(closed -> connections.remove(connection));
        }
        return count;
    }

    /** Closes every accepted connection with a TCP reset, bypassing the HTTP/2 handlers' graceful close. */
    void resetConnections() {
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> {
                connection.config().setOption(ChannelOption.SO_LINGER, 0);
                connection.unsafe().close(connection.unsafe().voidPromise());
            });
        }
    }
}
