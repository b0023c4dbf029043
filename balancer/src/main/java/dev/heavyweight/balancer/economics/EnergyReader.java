package dev.heavyweight.balancer.economics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads {@code nv_energy_consumption} (joules since the server started, one series per GPU) from a node's
 * Prometheus text and sums it over the node's GPUs. Any failure (no answer, no such metric) reads as empty:
 * the ledger then estimates that interval from the configured powers.
 */
final class EnergyReader {

    static final String METRIC = "nv_energy_consumption";

    private static final Logger LOG = Logger.getLogger(EnergyReader.class);
    private static final Pattern SAMPLE = Pattern.compile(
            "^" + METRIC + "(\\{[^}]*})?\\s+([0-9.eE+-]+)(\\s+\\d+)?$", Pattern.MULTILINE);

    private final HttpClient http;
    private final Duration timeout;

    EnergyReader(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    OptionalDouble read(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("energy of %s: HTTP %d", url, response.statusCode());
                return OptionalDouble.empty();
            }
            return parse(response.body());
        } catch (IOException | IllegalArgumentException e) {
            LOG.debugf("energy of %s: %s", url, e.getMessage());
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** The sum of every {@code nv_energy_consumption} sample in {@code text}; empty when there is none. */
    static OptionalDouble parse(String text) {
        Matcher matcher = SAMPLE.matcher(text);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(2));
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
