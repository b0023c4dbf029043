package dev.heavyweight.testsupport.platform;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link Platform} once for every test class that uses it and stops it when the whole run
 * ends; test methods and constructors receive it as a parameter. It runs two gateways and two
 * task-services (replicas, so cross-replica behaviour is tested everywhere), and the tenants
 * {@link #TIGHT_TENANTS} get the small tier {@link #TIGHT_TIER} for the rate-limit tests.
 */
public class PlatformExtension implements BeforeAllCallback, ParameterResolver {

    /** Tier with a small bucket: {@link #TIGHT_BURST} submissions at once, then one per 5 s. */
    public static final String TIGHT_TIER = "tight";
    public static final int TIGHT_BURST = 3;
    public static final double TIGHT_RATE = 0.2;
    public static final String[] TIGHT_TENANTS = {"tight-a", "tight-b"};

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlatformExtension.class);

    private record Running(Platform platform) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            platform.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    private static Platform startDefault() {
        Platform.Builder builder = Platform.builder("default").gateways(2).taskServices(2)
                // A killed task-service's claimed outbox rows come back sooner than the 1 min default.
                .config(Platform.TASKS, "heavyweight.task.outbox.lease", "25s")
                .config(Platform.TASKS, "heavyweight.task.tiers." + TIGHT_TIER + ".priority", "5")
                .config(Platform.TASKS, "heavyweight.task.tiers." + TIGHT_TIER + ".rate", String.valueOf(TIGHT_RATE))
                .config(Platform.TASKS, "heavyweight.task.tiers." + TIGHT_TIER + ".burst", String.valueOf(TIGHT_BURST))
                .config(Platform.TASKS, "heavyweight.task.tiers." + TIGHT_TIER + ".max-unfinished", "1000");
        for (String tenant : TIGHT_TENANTS) {
            builder.config(Platform.TASKS, "heavyweight.task.tenant-tiers." + tenant, TIGHT_TIER);
        }
        return builder.start();
    }

    private static Platform platform(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("platform", key -> new Running(startDefault()), Running.class)
                .platform();
    }
}
