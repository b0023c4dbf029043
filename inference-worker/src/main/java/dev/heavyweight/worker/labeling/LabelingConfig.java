package dev.heavyweight.worker.labeling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The sample of succeeded tasks sent to {@code labeling.samples} for manual labelling. */
@ConfigMapping(prefix = "heavyweight.labeling")
public interface LabelingConfig {

    /** Fraction of succeeded tasks sampled, 0 (none) to 1 (every one). */
    @WithDefault("0.02")
    double rate();

    /** Lifetime of the presigned image URL in a sample (S3 allows at most 7 days). */
    @WithDefault("72h")
    Duration urlTtl();
}
