package dev.heavyweight.e2e;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Direct access to the real PostgreSQL and RabbitMQ, for preparing and inspecting a run. */
final class Infrastructure {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";
    static final String PG_USER = "postgres";
    static final String PG_PASSWORD = "postgres";

    private Infrastructure() {
    }

    static void recreateDatabase(String name) {
        try (var connection = DriverManager.getConnection(PG_URL + "postgres", PG_USER, PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create database " + name, e);
        }
    }

    static java.sql.Connection database(String name) throws SQLException {
        return DriverManager.getConnection(PG_URL + name, PG_USER, PG_PASSWORD);
    }

    static Connection rabbit(String vhost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        return factory.newConnection("e2e-tests");
    }

    /** Deletes the Heavyweight queues and exchanges so the services declare a fresh topology. */
    static void resetVirtualHost(String vhost) {
        try (Connection connection = rabbit(vhost); Channel channel = connection.createChannel()) {
            for (String queue : List.of(Lane.INTERACTIVE.queue(), Lane.BATCH.queue(), Topology.DEAD_QUEUE,
                    Topology.TASK_SERVICE_EVENTS_QUEUE)) {
                channel.queueDelete(queue);
            }
            for (String exchange : List.of(Topology.JOBS_EXCHANGE, Topology.JOBS_DLX, Topology.EVENTS_EXCHANGE)) {
                channel.exchangeDelete(exchange);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reset RabbitMQ virtual host " + vhost
                    + " (does it exist? dev/test creates it)", e);
        }
    }
}
