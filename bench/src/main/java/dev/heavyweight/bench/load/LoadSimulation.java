package dev.heavyweight.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The 10,000-request load: each virtual user submits one generation (interactive or batch, as the mix says),
 * then either cancels it shortly after or watches it by polling its status document until it ends, and
 * downloads some of the images (the gateway's 302, then the presigned URL). Parameters come from system
 * properties set by {@link LoadTest}: {@code load.gateway}, {@code load.token}, {@code load.users},
 * {@code load.rate} (users per second), {@code load.batch}, {@code load.cancel}, {@code load.download},
 * {@code load.steps}.
 */
public class LoadSimulation extends Simulation {

    private static final String GATEWAY = System.getProperty("load.gateway", "http://127.0.0.1:8080");
    private static final String AUTH = "Bearer " + System.getProperty("load.token", "");
    private static final int USERS = Integer.getInteger("load.users", 10_000);
    private static final double RATE = Double.parseDouble(System.getProperty("load.rate", "20"));
    private static final double BATCH = Double.parseDouble(System.getProperty("load.batch", "0.3"));
    private static final double CANCEL = Double.parseDouble(System.getProperty("load.cancel", "0.05"));
    private static final double DOWNLOAD = Double.parseDouble(System.getProperty("load.download", "0.2"));
    /** Share of the other submitters that watch their task to the end (polling every POLL); the rest submit and go. */
    private static final double WATCH = Double.parseDouble(System.getProperty("load.watch", "0.1"));
    private static final Duration POLL = Duration.ofMillis(Long.getLong("load.poll-ms", 2000));
    private static final java.util.Set<String> TERMINAL = java.util.Set.of("succeeded", "failed", "rejected",
            "cancelled", "expired");
    private static final int STEPS = Integer.getInteger("load.steps", 10);

    private final HttpProtocolBuilder protocol = http.baseUrl(GATEWAY)
            .acceptHeader("application/json")
            .disableFollowRedirect()
            .shareConnections();

    private final ScenarioBuilder generations = scenario("generations")
            .exec(session -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return session.set("lane", random.nextDouble() < BATCH ? "batch" : "interactive")
                        .set("cancel", random.nextDouble() < CANCEL)
                        .set("download", random.nextDouble() < DOWNLOAD)
                        .set("watch", random.nextDouble() < WATCH)
                        .set("seed", random.nextLong(1, 1L << 53)) // the API's seed range
                        .set("status", "accepted");
            })
            .exec(http(session -> "submit " + session.getString("lane")).post("/v1/generations")
                    .header("Authorization", AUTH)
                    .header("Content-Type", "application/json")
                    .body(StringBody(session -> """
                            {"prompt":"a lighthouse on a cliff at dawn, oil painting","width":256,"height":256,\
                            "steps":%d,"seed":%d,"priority":"%s"}""".formatted(STEPS, session.getLong("seed"),
                            session.getString("lane"))))
                    .check(status().is(202), jsonPath("$.id").saveAs("id")))
            .exitHereIfFailed()
            .doIfOrElse(session -> session.getBoolean("cancel")).then(
                    pause(Duration.ofMillis(200))
                            .exec(http("cancel").post("/v1/generations/#{id}/cancel").header("Authorization", AUTH)
                                    // 409: it ended before the cancel arrived.
                                    .check(status().in(200, 409))))
            .orElse(doIf(session -> session.getBoolean("download") || session.getBoolean("watch")).then(
                    asLongAsDuring(session -> !ended(session), Duration.ofMinutes(10)).on(
                                    pause(POLL)
                                            .exec(http("poll").get("/v1/generations/#{id}").header("Authorization", AUTH)
                                                    .check(status().is(200), jsonPath("$.status").saveAs("status"))))
                            .doIf(session -> session.getBoolean("download") && "succeeded".equals(session.getString("status")))
                            .then(exec(http("image redirect").get("/v1/generations/#{id}/image").header("Authorization", AUTH)
                                            .check(status().is(302), header("Location").saveAs("imageUrl")))
                                    .exec(http("image bytes").get("#{imageUrl}").check(status().is(200))))));

    {
        double seconds = USERS / RATE;
        setUp(generations.injectOpen(constantUsersPerSec(RATE).during(Duration.ofMillis(Math.round(seconds * 1000)))))
                .protocols(protocol);
    }

    private static boolean ended(Session session) {
        return TERMINAL.contains(session.getString("status"));
    }
}
