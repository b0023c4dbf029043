package dev.heavyweight.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy, filesystem backend) in its own process on loopback.
 * Credentials and region are the ones the services use by default.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "heavyweight";
    public static final String SECRET_KEY = "heavyweight-secret";
    public static final String REGION = "us-east-1";

    private final int port;
    private final Path dataDir;
    private final ServiceProcess process;

    private S3ProxyServer(int port, Path dataDir, ServiceProcess process) {
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** Starts s3proxy on a free port, storing objects under {@code workDir/data}. */
    public static S3ProxyServer start(Path workDir) {
        int port = FreePorts.next();
        try {
            Path dataDir = Files.createDirectories(workDir.resolve("data"));
            Path config = workDir.resolve("s3proxy.properties");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir,
                    ""));
            // DEBUG makes s3proxy log every request line it serves: the record writesByKey counts.
            ServiceProcess process = ServiceProcess.javaJar("s3proxy", s3proxyJar(),
                    Map.of("LOG_LEVEL", "debug", "JETTY_LOG_LEVEL", "info"),
                    List.of("--properties", config.toString()), workDir);
            process.start();
            // Any HTTP answer (an anonymous request is refused with 403) means it is serving.
            process.awaitHttp("http://127.0.0.1:" + port + "/", status -> status > 0, Duration.ofSeconds(60));
            return new S3ProxyServer(port, dataDir, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Every object write (PUT of a key) this server received for {@code bucket}, counted per key, read from
     * its own request log: how many times a key was really uploaded, whatever the uploader believes.
     */
    public Map<String, Integer> writesByKey(String bucket) {
        Pattern put = Pattern.compile("\\{PUT@\\w+ https?://[^/\\s]+/" + Pattern.quote(bucket) + "/([^?\\s]+)\\S* HTTP/");
        Map<String, Integer> writes = new HashMap<>();
        try {
            for (String line : Files.readAllLines(process.log())) {
                if (line.contains("request:")) {
                    Matcher m = put.matcher(line);
                    if (m.find()) {
                        writes.merge(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writes;
    }

    /** Where the filesystem backend keeps buckets (one directory each) and objects (files). */
    public Path dataDir() {
        return dataDir;
    }

    /** The Quarkus amazon-s3 settings that point a service at this server. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint(),
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", REGION,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
    }

    /** A plain S3 client for this server, for tests that check what was stored. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }

    /** The runnable s3proxy jar, resolved into the local Maven repository by this module's build. */
    static Path s3proxyJar() {
        String override = System.getProperty("heavyweight.s3proxy.jar");
        if (override != null) {
            return Path.of(override);
        }
        Properties props = new Properties();
        try (InputStream in = S3ProxyServer.class.getResourceAsStream("/heavyweight-test-support.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(props.getProperty("s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + " (build test-support first)");
        }
        return jar;
    }
}
