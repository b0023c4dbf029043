package dev.heavyweight.e2e;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/** A queue bound to both lanes that receives a copy of every job published from its creation on. */
final class JobSpy implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final List<String> taskIds = new ArrayList<>();

    JobSpy() throws Exception {
        connection = Infrastructure.rabbit(Platform.VHOST);
        channel = connection.createChannel();
        queue = channel.queueDeclare().getQueue();
        for (Lane lane : Lane.values()) {
            channel.queueBind(queue, Topology.JOBS_EXCHANGE, lane.routingKey());
        }
    }

    /** Task ids of every job received so far, one entry per job (repeats included). */
    List<String> taskIds() throws Exception {
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            taskIds.add(GatewayClient.JSON.readValue(message.getBody(), JobMessage.class).taskId());
        }
        return List.copyOf(taskIds);
    }

    long jobsOf(String taskId) throws Exception {
        return taskIds().stream().filter(taskId::equals).count();
    }

    @Override
    public void close() throws Exception {
        channel.close();
        connection.close();
    }
}
