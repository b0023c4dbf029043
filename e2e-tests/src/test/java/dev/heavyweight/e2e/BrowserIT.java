package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.testsupport.TestTokens;
import dev.heavyweight.testsupport.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The playground and the operations page in Debian's headless Chromium, driven by playwright-core
 * (e2e-tests/browser, installed by dev/test): the scenarios are node:test cases, run once against a platform of
 * this class's own (emulated steps of 40 ms, so that a 100-step task runs for seconds and can be cancelled while
 * running). Each test here checks that its scenario ran and passed; the TAP report is in target/browser-tests.tap
 * and the screenshots in target/screenshots.
 */
@Order(1) // before the shared platform starts: see junit-platform.properties
class BrowserIT {

    private static final Path TESTS = Path.of("browser").toAbsolutePath();
    private static final Path REPORT = Path.of("target/browser-tests.tap").toAbsolutePath();
    private static final Pattern RESULT = Pattern.compile("^\\s*(not ok|ok) \\d+ - (.+?)(?: # .*)?$", Pattern.MULTILINE);

    private static Platform platform;
    private static String tap;
    private static final Map<String, Boolean> results = new LinkedHashMap<>();

    @BeforeAll
    static void runScenarios() throws Exception {
        assertThat(TESTS.resolve("node_modules/playwright-core")).as("run dev/test (it installs playwright-core)").isDirectory();
        String chromium = System.getProperty("heavyweight.chromium", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Debian's chromium (dev/test installs it)").isRegularFile();
        platform = Platform.builder("browser").nodes(2).workers(1).stepTime(Duration.ofMillis(40)).start();
        Map<String, String> tokens = Map.of(
                "user", TestTokens.token("browser", "browser-user", TestTokens.USER),
                "feedback", TestTokens.token("browser-feedback", "rater", TestTokens.USER),
                "double", TestTokens.token("browser-double", "clicker", TestTokens.USER),
                "gallery", TestTokens.token("browser-gallery", "viewer", TestTokens.USER),
                "opsload", TestTokens.token("browser-ops", "loader", TestTokens.USER),
                "admin", TestTokens.admin("browser-ops", "sre"));
        Files.createDirectories(REPORT.getParent());
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=tap",
                "playground.test.mjs", "ops.test.mjs")
                .directory(TESTS.toFile()).redirectErrorStream(true).redirectOutput(REPORT.toFile());
        node.environment().put("HEAVYWEIGHT_CHROMIUM", chromium);
        node.environment().put("HEAVYWEIGHT_GATEWAY", platform.gatewayUrl());
        node.environment().put("HEAVYWEIGHT_BALANCER", platform.httpUrl(Platform.BALANCER));
        node.environment().put("HEAVYWEIGHT_TOKENS", new ObjectMapper().writeValueAsString(tokens));
        node.environment().put("HEAVYWEIGHT_SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString());
        Process process = node.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        tap = Files.readString(REPORT, StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(tap);
        while (m.find()) {
            results.put(m.group(2).trim(), m.group(1).equals("ok"));
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static void passed(String scenario) {
        assertThat(results).as("scenario \"%s\" in the TAP report:%n%s", scenario, tap).containsKey(scenario);
        assertThat(results.get(scenario)).as("scenario \"%s\" failed:%n%s", scenario, excerpt(scenario)).isTrue();
    }

    /** The report's lines from the scenario's result on, where node:test writes the failure's details. */
    private static String excerpt(String scenario) {
        int at = tap.indexOf("- " + scenario);
        return at < 0 ? tap : tap.substring(Math.max(0, at - 200), Math.min(tap.length(), at + 4000));
    }

    @Test
    void submitAPromptAndSeeTheImageAppear() {
        passed("submit a prompt and see the image appear");
    }

    @Test
    void aBlockedPromptShowsTheModerationReason() {
        passed("a blocked prompt shows the moderation reason");
    }

    @Test
    void aBadFieldShowsItsErrorNextToTheField() {
        passed("a bad field shows its error next to the field");
    }

    @Test
    void cancelARunningTask() {
        passed("cancel a running task");
    }

    @Test
    void feedbackIsStored() {
        passed("feedback is stored");
    }

    @Test
    void aDoubleClickMakesOneTask() {
        passed("a double click makes one task");
    }

    @Test
    void theGalleryPagesThroughRecentTasks() {
        passed("the gallery pages through recent tasks and opens one");
    }

    @Test
    void keyboardAndPhone() {
        passed("keyboard and phone: labelled fields, reachable by Tab, readable at 375 px");
    }

    @Test
    void theTokenStaysOutOfTheUrl() {
        passed("a token is kept in session storage, never in the URL, and a bad one is refused");
    }

    @Test
    void opsDrainsANodeAndTheBalancerReportsItDrained() {
        passed("/ops drains a node and the balancer reports it drained");
    }

    @Test
    void opsShowsQueuesTheLastHourAndTheCost() {
        passed("/ops shows queues, the last hour and the cost per image, and refreshes by itself");
    }

    @Test
    void opsAtPhoneWidth() {
        passed("/ops at 375 px");
    }

    @Test
    void aUserTokenCannotOpenOps() {
        passed("a user token cannot open /ops");
    }

    @Test
    void everyScenarioPassedAndTheScreenshotsWereWritten() {
        assertThat(results).as(tap).hasSizeGreaterThanOrEqualTo(13).doesNotContainValue(false);
        for (String shot : List.of("playground-desktop", "playground-phone", "ops-desktop", "ops-phone")) {
            assertThat(Path.of("target/screenshots", shot + ".png")).isNotEmptyFile();
        }
    }
}
