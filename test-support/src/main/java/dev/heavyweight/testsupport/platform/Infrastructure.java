package dev.heavyweight.testsupport.platform;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Direct access to the machine's real PostgreSQL and RabbitMQ: preparing a run, inspecting it, and
 * restarting the servers under a running platform (needs root, as in CI).
 */
public final class Infrastructure {

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String PG_USER = "postgres";
    public static final String PG_PASSWORD = "postgres";

    private Infrastructure() {
    }

    public static void recreateDatabase(String name) {
        try (var connection = DriverManager.getConnection(PG_URL + "postgres", PG_USER, PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create database " + name, e);
        }
    }

    public static java.sql.Connection database(String name) throws SQLException {
        return DriverManager.getConnection(PG_URL + name, PG_USER, PG_PASSWORD);
    }

    public static Connection rabbit(String vhost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        return factory.newConnection("heavyweight-tests");
    }

    /** Deletes the Heavyweight queues and exchanges so the services declare a fresh topology. */
    public static void resetVirtualHost(String vhost) {
        try (Connection connection = rabbit(vhost); Channel channel = connection.createChannel()) {
            for (String queue : List.of(Lane.INTERACTIVE.queue(), Lane.BATCH.queue(), Topology.DEAD_QUEUE,
                    Topology.TASK_SERVICE_EVENTS_QUEUE)) {
                channel.queueDelete(queue);
            }
            for (String exchange : List.of(Topology.JOBS_EXCHANGE, Topology.JOBS_DLX, Topology.EVENTS_EXCHANGE,
                    Topology.CONTROL_EXCHANGE)) {
                channel.exchangeDelete(exchange);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reset RabbitMQ virtual host " + vhost
                    + " (does it exist? dev/test creates it)", e);
        }
    }

    /** Messages ready in a queue right now. */
    public static long queueDepth(String vhost, String queue) throws IOException, TimeoutException {
        try (Connection connection = rabbit(vhost); Channel channel = connection.createChannel()) {
            return channel.messageCount(queue);
        }
    }

    /** Stops and starts the RabbitMQ application (every connection drops; durable queues survive). */
    public static void restartRabbitMq() {
        run(List.of("rabbitmqctl", "-q", "stop_app"));
        run(List.of("rabbitmqctl", "-q", "start_app"));
        run(List.of("rabbitmqctl", "-q", "await_startup"));
    }

    /** Stops only, for tests that keep the broker away for a while. */
    public static void stopRabbitMq() {
        run(List.of("rabbitmqctl", "-q", "stop_app"));
    }

    public static void startRabbitMq() {
        run(List.of("rabbitmqctl", "-q", "start_app"));
        run(List.of("rabbitmqctl", "-q", "await_startup"));
    }

    /** Restarts the PostgreSQL cluster (every connection drops; committed data survives). */
    public static void restartPostgres() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "restart"));
    }

    /** Stops the PostgreSQL cluster; {@link #startPostgres()} brings it back with its data. */
    public static void stopPostgres() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "stop", "-m", "fast"));
    }

    public static void startPostgres() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "start"));
    }

    private static String postgresVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString())
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the PostgreSQL version", e);
        }
    }

    private static void run(List<String> command) {
        List<String> full = new ArrayList<>(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", full) + " (root needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
