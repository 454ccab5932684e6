package dev.vigil.multivariate;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.internal.UserException;
import dev.vigil.multivariate.MultivariateSpecs.CoMomentsOf;
import dev.vigil.multivariate.MultivariateSpecs.ReconstructionErrorOf;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's data-reconstruction drift ({@code DataReconstructionDriftCalculator},
 * docs/nannyml-multivariate-drift.md): impute, count-encode and standard-scale the features as
 * fitted on the reference, keep the PCA directions that explain {@code n_components} of the
 * variance, and report per chunk the mean Euclidean distance between a scaled row and its
 * reconstruction, with sampling error {@code σ_e / √n} (σ_e the sample std of the chunk's row
 * errors) and confidence band {@code value ± 3·SE} (the lower end at least 0). Three reference
 * passes (means and category counts; the co-moment matrix; the reference chunks' errors) and the
 * errors ride in the single analysis pass. The d×d eigen-decomposition runs on the driver; no row
 * does.
 */
public final class ReconstructionDriftCalculator implements Calculator {
    public static final String NAME = "multivariate_drift";
    public static final String METRIC = "reconstruction_error";

    /**
     * NannyML: mean ± 3σ of the reference chunks; a lower threshold below 0 is dropped (no lower
     * threshold), not clipped; the alert rule is strict (a value on a threshold alerts).
     */
    static final MetricRule RULE =
            MetricRule.standard(0.0, null).withLimitMode(LimitMode.DROP).withAlertRule(AlertRule.STRICTLY_INSIDE);

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructionDriftCalculator.class);

    private final List<String> continuous;
    private final List<String> categorical;
    private final double nComponents;
    private final MetricRule rule;

    public ReconstructionDriftCalculator(
            List<String> continuous, List<String> categorical, double nComponents, Threshold threshold) {
        if (continuous.size() + categorical.size() < 2) {
            throw new UserException("configuration key 'calculators.multivariate_drift.columns': "
                    + (continuous.size() + categorical.size())
                    + " column(s) selected; expected at least 2 (a reconstruction of one column is exact)");
        }
        this.continuous = List.copyOf(continuous);
        this.categorical = List.copyOf(categorical);
        this.nComponents = nComponents;
        this.rule = RULE.overriddenBy(threshold);
    }

    /** First pass: the means and category counts the encoding is fitted from. */
    @Override
    public List<StateSpec> referenceSpecs() {
        return Specs.momentsAndCategories(continuous, categorical);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Second pass: the co-moments under the fitted encoding; third pass: the reference chunks'
     * errors.
     */
    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference) {
        if (reference.find(CoMomentsOf.class, s -> true).isEmpty()) {
            Map<String, PcaEncoding> encodings = new LinkedHashMap<>();
            for (String seg : reference.segments()) {
                PcaEncoding e = encoding(reference, seg);
                if (e != null) {
                    encodings.put(Specs.key(seg), e);
                }
            }
            return List.of(new CoMomentsOf(continuous, categorical, encodings));
        }
        if (reference.find(ReconstructionErrorOf.class, s -> true).isEmpty()) {
            CoMomentsOf spec = reference.find(CoMomentsOf.class, s -> true).orElseThrow();
            Map<String, PcaModel> models = new LinkedHashMap<>();
            spec.encodings().forEach((seg, encoding) -> {
                CoMoments m = reference.whole(seg.isEmpty() ? null : seg, spec);
                PcaModel model = PcaModel.fit(encoding, m.n(), m.matrix(), nComponents);
                LOG.info(
                        "multivariate_drift{}: {} of {} principal components kept (n_components {})",
                        seg.isEmpty() ? "" : " [" + seg + "]",
                        model.components(),
                        encoding.width(),
                        nComponents);
                models.put(seg, model);
            });
            return List.of(new ReconstructionErrorOf(continuous, categorical, models));
        }
        return List.of();
    }

    /** The segment's encoding from the first pass; null when the segment has no reference rows. */
    private PcaEncoding encoding(ChunkTable reference, String seg) {
        long rows = 0;
        for (int i = 0; i < reference.chunks().size(); i++) {
            rows += reference.rows(seg, i);
        }
        if (rows == 0) {
            return null;
        }
        double[] means = new double[continuous.size()];
        for (int j = 0; j < continuous.size(); j++) {
            Moments m = reference.whole(seg, new Specs.MomentsOf(continuous.get(j)));
            if (m.n() == 0) {
                throw noValues(continuous.get(j), seg);
            }
            means[j] = m.mean();
        }
        List<Map<String, Long>> counts = new ArrayList<>();
        long[] missing = new long[categorical.size()];
        for (int j = 0; j < categorical.size(); j++) {
            CategoryCounts c = reference.whole(seg, new Specs.CategoriesOf(categorical.get(j)));
            if (c.counts().isEmpty()) {
                throw noValues(categorical.get(j), seg);
            }
            Map<String, Long> kept = c.counts();
            if (!c.isExact()) {
                // the values the sketch did not keep encode as unseen ones (frequency 0), so the
                // errors are approximate (the results say so)
                kept.remove(CategoryCounts.OTHER);
                LOG.warn(
                        "multivariate_drift{}: column '{}' has more distinct reference values than its state keeps;"
                                + " its {} most frequent are encoded, the others as unseen",
                        seg == null ? "" : " [" + seg + "]",
                        categorical.get(j),
                        kept.size());
            }
            counts.add(kept);
            missing[j] = c.nulls();
        }
        return PcaEncoding.fit(means, counts, missing, rows);
    }

    private static UserException noValues(String column, String seg) {
        return new UserException("column '"
                + column
                + "' has no values in the reference"
                + (seg == null ? "" : " of segment " + seg)
                + "; multivariate_drift needs some to impute its missing values (drop the column from"
                + " calculators.multivariate_drift.columns)");
    }

    /**
     * The reference chunks' errors under the model of the last refinement pass give the thresholds.
     */
    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return new Fitted(
                reference,
                reference.find(ReconstructionErrorOf.class, s -> true).orElseThrow());
    }

    private final class Fitted extends FittedBase {
        private final ReconstructionErrorOf spec;
        private final Map<String, Bounds> bounds = new HashMap<>();

        /** The segments whose encoding kept only a sketch's values of some categorical column. */
        private final Set<String> sketched = new HashSet<>();

        Fitted(ChunkTable ref, ReconstructionErrorOf spec) {
            this.spec = spec;
            analysisSpecs.add(spec);
            for (String seg : ref.segments()) {
                for (String c : categorical) {
                    if (!ref.<CategoryCounts>whole(seg, new Specs.CategoriesOf(c))
                            .isExact()) {
                        sketched.add(Specs.key(seg));
                    }
                }
                double[] values = new double[ref.chunks().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ref.<ReconstructionErrors>state(seg, i, spec)
                            .errors()
                            .mean();
                }
                bounds.put(Specs.key(seg), rule.bounds(values));
            }
            referenceResults = calculate(ref);
        }

        @Override
        public List<Measurement> calculate(ChunkTable t) {
            List<Measurement> out = new ArrayList<>();
            for (String seg : t.segments()) {
                Bounds b = bounds.getOrDefault(Specs.key(seg), Bounds.NONE);
                for (int i = 0; i < t.chunks().size(); i++) {
                    Moments e = t.<ReconstructionErrors>state(seg, i, spec).errors();
                    double value = e.n() == 0 ? Double.NaN : e.mean();
                    double se = e.n() < 2 ? Double.NaN : e.std() / Math.sqrt(e.n());
                    double upper = value + 3 * se;
                    double lower = Math.max(value - 3 * se, 0);
                    Measurement m = MultivariateResult.of(
                            METRIC,
                            seg,
                            i,
                            Measurement.finite(value),
                            Measurement.finite(se),
                            Double.isNaN(se) ? null : Measurement.finite(lower),
                            Measurement.finite(upper),
                            b,
                            e.n() > 0 && rule.alert(b, value));
                    out.add(sketched.contains(Specs.key(seg)) ? m.approximated(Measurement.NO_KNOWN_BOUND) : m);
                }
            }
            return out;
        }
    }
}
