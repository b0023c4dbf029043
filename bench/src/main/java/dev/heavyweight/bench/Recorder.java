package dev.heavyweight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what happened from the systems of record: task-service's tasks table and the emulator's executions. */
final class Recorder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Platform platform;

    Recorder(Platform platform) {
        this.platform = platform;
    }

    /** Every GPU execution that finished since {@code since}, by request id (the task id); the last one wins. */
    Map<String, Execution> executionsSince(Instant since) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                        platform.httpUrl(Platform.EMULATOR) + "/admin/executions?model=stable_diffusion_1_5,stable_diffusion_xl&since=" + since.toEpochMilli()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("emulator executions: " + response.statusCode() + " " + response.body());
        }
        JsonNode root = JSON.readTree(response.body());
        JsonNode list = root.isArray() ? root : root.get("executions");
        Map<String, Execution> byId = new HashMap<>();
        for (JsonNode e : list) {
            JsonNode node = e.get("node");
            int index = node.isNumber() ? node.asInt() : node.get("index").asInt();
            Instant arrived = Instant.ofEpochMilli(e.get("arrived_at_ms").asLong());
            JsonNode started = e.get("started_at_ms");
            // A call refused before it got a slot has no start: it never used the GPU.
            Execution execution = new Execution(e.get("id").asText(), index, arrived,
                    started == null || started.isNull() ? arrived : Instant.ofEpochMilli(started.asLong()),
                    Instant.ofEpochMilli(e.get("finished_at_ms").asLong()),
                    e.get("outcome").asText());
            Execution previous = byId.get(execution.id());
            if (previous == null || !previous.ok() || execution.ok()) {
                byId.put(execution.id(), execution);
            }
        }
        return byId;
    }

    /** The tasks with these ids, as stored, joined with their executions (tasks that never ran have none). */
    List<TaskRecord> tasks(Collection<String> ids, Map<String, Execution> executions) throws SQLException {
        List<TaskRecord> tasks = new ArrayList<>();
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement(
                        "SELECT id::text, lane, state, created_at, finished_at FROM tasks WHERE id = ANY (?::uuid[])")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    tasks.add(new TaskRecord(id, rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant(),
                            rows.getTimestamp(5) == null ? null : rows.getTimestamp(5).toInstant(),
                            executions.get(id)));
                }
            }
        }
        return tasks;
    }

    /** Waits until every task has ended (or the patience runs out), polling the database. */
    void awaitFinished(Collection<String> ids, java.time.Duration patience) throws SQLException, InterruptedException {
        Instant until = Instant.now().plus(patience);
        while (Instant.now().isBefore(until)) {
            if (unfinished(ids) == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private int unfinished(Collection<String> ids) throws SQLException {
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM tasks WHERE finished_at IS NULL AND id = ANY (?::uuid[])")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
