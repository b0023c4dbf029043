package dev.heavyweight.worker.contract;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelContract;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.models.WarmUp;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, from start until it succeeds, that every model this worker serves is what it knows how to call: the
 * balancer's ModelMetadata matches the {@link ModelContract} and a one-step warm-up inference ({@link WarmUp})
 * returns an image. Runs in the background (startup does not wait) and retries with a doubling backoff; once every
 * model passed it is done, as the balancer keeps checking its nodes from then on. A model that fails is logged once
 * per change, naming what differs.
 */
@ApplicationScoped
public class ModelContractVerifier {

    private static final Logger LOG = Logger.getLogger(ModelContractVerifier.class);

    private final ModelContractClient client;
    private final ModelContractConfig config;
    private final Map<String, ModelCheck> checks = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private volatile boolean stopped;

    public ModelContractVerifier(ModelContractClient client, ModelContractConfig config, MeterRegistry registry) {
        this.client = client;
        this.config = config;
        for (String model : config.models()) {
            checks.put(model, ModelCheck.PENDING);
            Gauge.builder("heavyweight.model.contract.ready", checks, c -> c.get(model).ok() ? 1 : 0)
                    .description("1 once the model's metadata matched the contract and a warm-up inference succeeded")
                    .tag("model", model)
                    .register(registry);
            Gauge.builder("heavyweight.model.contract.mismatches", checks, c -> c.get(model).differences().size())
                    .description("Differences between the model's ModelMetadata and the contract")
                    .tag("model", model)
                    .register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Starts the first check; each failure schedules the next. */
    void start() {
        attempt(config.retryInitial());
    }

    /** Every model's state, once the check in progress (if any) is done or {@code wait} has passed. */
    public Uni<Map<String, ModelCheck>> checks(Duration wait) {
        return Uni.createFrom().completionStage(inFlight)
                .ifNoItem().after(wait).recoverWithUni(() -> Uni.createFrom().voidItem())
                .map(ignored -> snapshot());
    }

    public boolean ready() {
        return checks.values().stream().allMatch(ModelCheck::ok);
    }

    private Map<String, ModelCheck> snapshot() {
        Map<String, ModelCheck> view = new LinkedHashMap<>();
        config.models().forEach(model -> view.put(model, checks.get(model)));
        return view;
    }

    private void attempt(Duration nextDelay) {
        if (stopped) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight = done;
        Multi.createFrom().iterable(config.models())
                .filter(model -> !checks.get(model).ok())
                .onItem().transformToUniAndConcatenate(model -> check(model).invoke(result -> record(model, result)))
                .collect().last()
                .subscribe().with(ignored -> finish(done, nextDelay), failure -> finish(done, nextDelay));
    }

    private void finish(CompletableFuture<Void> done, Duration delay) {
        done.complete(null);
        if (ready() || stopped) {
            return;
        }
        Duration next = delay.multipliedBy(2).compareTo(config.retryMax()) > 0 ? config.retryMax()
                : delay.multipliedBy(2);
        Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .subscribe().with(ignored -> attempt(next));
    }

    private Uni<ModelCheck> check(String model) {
        ModelContract contract = ModelContract.find(model).orElse(null);
        ModelSpec spec = ModelCatalog.find(model).orElse(null);
        if (contract == null || spec == null) {
            return Uni.createFrom().item(ModelCheck.failed("contract", "no contract known for model '" + model
                    + "'; the catalog has " + ModelCatalog.all().stream().map(ModelSpec::name).toList()));
        }
        return client.metadata(model)
                .chain(metadata -> {
                    var differences = contract.differences(metadata);
                    if (!differences.isEmpty()) {
                        return Uni.createFrom().item(ModelCheck.mismatch(differences));
                    }
                    return client.warmUp(spec)
                            .map(response -> WarmUp.problem(spec, response)
                                    .map(problem -> ModelCheck.failed("warm-up", problem))
                                    .orElse(ModelCheck.OK))
                            .onFailure().recoverWithItem(failure -> ModelCheck.failed("warm-up", describe(failure)));
                })
                .onFailure().recoverWithItem(failure -> ModelCheck.failed("ModelMetadata", describe(failure)));
    }

    private void record(String model, ModelCheck result) {
        ModelCheck previous = checks.put(model, result);
        if (result.equals(previous)) {
            return;
        }
        if (result.ok()) {
            LOG.infof("model %s: contract checks out and warm-up succeeded through the balancer", model);
        } else {
            LOG.warnf("model %s is not usable, the worker stays unready: %s", model, result.detail());
        }
    }

    private static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
    }
}
