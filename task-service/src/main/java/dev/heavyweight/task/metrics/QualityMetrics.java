package dev.heavyweight.task.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code heavyweight_task_accepted_total{lane,model}}: succeeded tasks whose image was first downloaded or
 * accepted in feedback (task success = its rate ÷ the rate of succeeded tasks), and
 * {@code heavyweight_task_rating{lane,model}} (count and sum of 1–5 ratings as given: CSAT = sum ÷ count; a user who
 * rates again is counted again here, while the admin report averages the stored, last ratings).
 */
@ApplicationScoped
public class QualityMetrics {

    private final MeterRegistry registry;

    QualityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String lane, String model) {
        Counter.builder("heavyweight.task.accepted")
                .description("Succeeded tasks whose image was downloaded or accepted, counted once per task")
                .tags("lane", lane, "model", model).register(registry).increment();
    }

    public void rated(String lane, String model, int rating) {
        DistributionSummary.builder("heavyweight.task.rating").description("Ratings (1-5) users gave results")
                .tags("lane", lane, "model", model).register(registry).record(rating);
    }
}
