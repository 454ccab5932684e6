package dev.vigil.multivariate;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.calculators.RowCalculator;
import dev.vigil.internal.UserException;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.List;

/**
 * NannyML's domain classifier ({@code DomainClassifierCalculator},
 * docs/nannyml-multivariate-drift.md §3): per chunk, the cross-validated AUROC of a classifier
 * telling the chunk's rows from the reference's, trained by the {@link Learner} (spark-mllib
 * gradient-boosted trees, {@code dev.vigil.ml.DomainClassifierTraining}); about 0.5 means the chunk
 * looks like the reference, towards 1 it has drifted ({@code AUROC = P(s_chunk > s_reference)} over
 * the pooled out-of-fold scores, ties counting ½). Thresholds are NannyML's constant 0.45/0.65
 * unless overridden, limited to [0, 1]; the alert rule is strict.
 */
public final class DomainClassifierCalculator implements RowCalculator {
    public static final String NAME = "multivariate_drift";
    public static final String METRIC = "domain_classifier_auroc";

    /**
     * NannyML's: {@code ConstantThreshold(lower=0.45, upper=0.65)}, limited to [0, 1] with a
     * threshold beyond a limit clipped to it ({@code override_using_none=False}); the alert rule is
     * strict: {@code value > upper or value < lower}.
     */
    static final MetricRule RULE = MetricRule.standard(0.0, 1.0).withThreshold(new Threshold.Constant(0.45, 0.65));

    private final Learner.DomainClassifierRequest request;
    private final MetricRule rule;

    public DomainClassifierCalculator(
            List<String> continuous, List<String> categorical, DomainClassifierConfig settings, Threshold threshold) {
        if (continuous.isEmpty() && categorical.isEmpty()) {
            throw new UserException("configuration key 'calculators.multivariate_drift.columns': no column selected;"
                    + " expected at least one feature for the domain classifier");
        }
        this.request = new Learner.DomainClassifierRequest(List.copyOf(continuous), List.copyOf(categorical), settings);
        this.rule = RULE.overriddenBy(threshold);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Results calculate(ChunkTable reference, ChunkTable analysis, Learner learner) {
        Learner.ChunkScores scores = learner.domainClassifier(request);
        Bounds bounds = rule.bounds(scores.reference());
        return new Results(measurements(scores.reference(), bounds), measurements(scores.analysis(), bounds));
    }

    private List<Measurement> measurements(double[] values, Bounds b) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(MultivariateResult.of(
                    METRIC, null, i, Measurement.finite(values[i]), null, null, null, b, rule.alert(b, values[i])));
        }
        return out;
    }
}
