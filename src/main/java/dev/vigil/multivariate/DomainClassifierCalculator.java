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
import java.util.Arrays;
import java.util.List;

/**
 * NannyML's domain classifier ({@code DomainClassifierCalculator},
 * docs/nannyml-multivariate-drift.md §3): per chunk, the cross-validated AUROC of a classifier
 * telling the chunk's rows from the reference's, trained by the {@link Learner} (LightGBM, NannyML's
 * own learner, inside one Spark task per segment and chunk: {@code
 * dev.vigil.ml.DomainClassifierTraining}); per segment as well as for the whole population; about
 * 0.5 means the chunk
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
        this.request = new Learner.DomainClassifierRequest(
                List.copyOf(continuous), List.copyOf(categorical), settings, null, null, List.of());
        this.rule = RULE.overriddenBy(threshold);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Every segment of either table (the whole population first), each chunk's value; a segment's
     * thresholds come from its own reference chunks' values.
     */
    @Override
    public Results calculate(ChunkTable reference, ChunkTable analysis, Learner learner) {
        List<String> segments = new ArrayList<>(reference.segments());
        for (String s : analysis.segments()) {
            if (!segments.contains(s)) {
                segments.add(s);
            }
        }
        Learner.ChunkScores scores = learner.domainClassifier(new Learner.DomainClassifierRequest(
                request.continuous(), request.categorical(), request.settings(), reference, analysis, segments));
        List<Measurement> ref = new ArrayList<>();
        List<Measurement> ana = new ArrayList<>();
        for (Learner.SegmentScores s : scores.segments()) {
            double[] known =
                    Arrays.stream(s.reference()).filter(v -> !Double.isNaN(v)).toArray();
            Bounds bounds = rule.bounds(known);
            boolean noReference = known.length == 0;
            long referenceRows = 0;
            for (int i = 0; i < s.reference().length; i++) {
                referenceRows += reference.rows(s.segment(), i);
            }
            boolean referenceSampled = referenceRows > request.settings().maxTrainingRows();
            ref.addAll(measurements(s.segment(), s.reference(), bounds, reference, false, referenceSampled));
            ana.addAll(measurements(s.segment(), s.analysis(), bounds, analysis, noReference, referenceSampled));
        }
        return new Results(ref, ana);
    }

    /**
     * Each chunk's row; a value trained on a sample (the chunk's rows or the reference's beyond
     * {@code max_training_rows}) is approximate, with no known bound.
     */
    private List<Measurement> measurements(
            String segment,
            double[] values,
            Bounds b,
            ChunkTable table,
            boolean noReference,
            boolean referenceSampled) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Measurement m = MultivariateResult.of(
                    METRIC,
                    segment,
                    i,
                    Measurement.finite(values[i]),
                    null,
                    null,
                    null,
                    b,
                    !Double.isNaN(values[i]) && rule.alert(b, values[i]));
            boolean sampled = referenceSampled
                    || table.rows(segment, i) > request.settings().maxTrainingRows();
            if (!Double.isNaN(values[i]) && sampled) {
                m = m.approximated(Measurement.NO_KNOWN_BOUND);
            }
            if (Double.isNaN(values[i])) {
                String why = table.rows(segment, i) == 0
                        ? "the segment has no rows in this chunk"
                        : noReference
                                ? "the reference has no rows of this segment to tell the chunk from"
                                : "the classifier gave no value for this chunk (see the run log)";
                m = m.withoutValue(why);
            }
            out.add(m);
        }
        return out;
    }
}
