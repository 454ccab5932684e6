package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.internal.Sql;
import dev.vigil.performance.ClassificationProblem.CalibratedScore;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's CBPE for classification: performance estimated from the model's scores without targets.
 * Fitted on the reference: isotonic calibration of the scores when NannyML's rule asks for it,
 * sampling-error components and thresholds exactly as realized performance (thresholds come from
 * the reference chunks' realized values). Per chunk, from exact per-score counts split by
 * prediction (binary) or the calibrated class probabilities (multiclass, {@link
 * MulticlassExpected}): each metric's estimate ({@link Measure#estimate}), the confidence band
 * value ± 3 SE clipped to the metric's limits, the alert when the estimate leaves the thresholds,
 * and the realized value where the chunk has targets, with its {@link PerformanceGap} rows.
 */
public final class EstimatedPerformanceCalculator extends PerformanceCalculator {
    public static final String NAME = "estimated_performance";
    static final String FOLD = "_vigil_fold";
    private static final Logger LOG = LoggerFactory.getLogger(EstimatedPerformanceCalculator.class);

    private final EstimatedPerformanceConfig config;
    private final ClassificationProblem<?, ?> problem;
    private final List<String> rowColumns;

    /**
     * @param rowColumns the input columns a row's calibration fold is hashed from (its data, not its
     *     chunk)
     */
    EstimatedPerformanceCalculator(
            ClassificationProblem<?, ?> problem,
            EstimatedPerformanceConfig config,
            List<String> rowColumns,
            Map<String, Threshold> overrides) {
        super(NAME, config.metrics(), overrides);
        this.config = config;
        this.rowColumns = List.copyOf(rowColumns);
        this.problem = problem;
    }

    @Override
    public Map<String, String> derivedColumns() {
        Map<String, String> d = new LinkedHashMap<>(problem.derivedColumns());
        d.putAll(problem.estimateColumns());
        d.put(FOLD, foldColumn(rowColumns));
        return d;
    }

    /**
     * The row's fold for the calibration decision (read on the reference only): a hash of its values,
     * so it depends neither on how Spark splits the input nor on the chunking.
     */
    static String foldColumn(List<String> rowColumns) {
        String hashed = String.join(", ", rowColumns.stream().map(Sql::quote).toList());
        return "cast(pmod(xxhash64(" + hashed + "), " + FoldScoreCounts.FOLDS + ") as double)";
    }

    private List<StateSpec> chunkSpecs() {
        List<StateSpec> specs = new ArrayList<>(problem.specs());
        specs.addAll(problem.estimateSpecs());
        return specs;
    }

    static FoldScoreCounts.Of folds(CalibratedScore s) {
        return new FoldScoreCounts.Of(s.score(), s.indicator(), FOLD);
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        List<StateSpec> specs = chunkSpecs();
        for (CalibratedScore s : problem.calibratedScores()) {
            specs.add(folds(s));
        }
        return specs;
    }

    /** Multiclass: a second reference pass computes the calibrated expectations. */
    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference) {
        return problem.refinementSpecs(reference, this::calibrator);
    }

    /**
     * The isotonic calibrator of one score (null: use the scores as they are), fitted on the whole
     * reference's per-score positives and rows, when the configuration or NannyML's decision rule
     * says so.
     */
    private Isotonic calibrator(ChunkTable ref, String seg, CalibratedScore score) {
        return calibrator(ref, seg, score, config.calibration(), NAME);
    }

    /**
     * {@link #calibrator(ChunkTable, String, CalibratedScore)} under a given calibration setting;
     * {@code calculator} names the logs.
     */
    static Isotonic calibrator(
            ChunkTable ref,
            String seg,
            CalibratedScore score,
            EstimatedPerformanceConfig.Calibration calibration,
            String calculator) {
        ValueCounts pos = ref.whole(seg, new Specs.ValueCountsOf(score.positives()));
        ValueCounts neg = ref.whole(seg, new Specs.ValueCountsOf(score.negatives()));
        TreeMap<Double, long[]> groups = new TreeMap<>();
        pos.sorted().forEach((s, c) -> {
            long[] g = groups.computeIfAbsent(s, k -> new long[2]);
            g[0] += c;
            g[1] += c;
        });
        neg.sorted().forEach((s, c) -> groups.computeIfAbsent(s, k -> new long[2])[1] += c);
        String where = (seg == null ? "" : " [" + seg + "]") + score.label();
        if (groups.isEmpty()) {
            LOG.warn("{}{}: no reference rows with score and target; scores used as probabilities", calculator, where);
            return null;
        }
        boolean calibrate = switch (calibration) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> {
                FoldScoreCounts folds = ref.whole(seg, folds(score));
                Cbpe.Decision d = Cbpe.decide(folds.sorted(), ClassificationMath.rocAuc(pos.sorted(), neg.sorted()));
                LOG.info(
                        "{}{}: {} ({}; expected calibration error {} before, {} after; {} path)",
                        calculator,
                        where,
                        d.calibrate() ? "calibrating scores" : "scores used as probabilities",
                        d.reason(),
                        d.eceBefore(),
                        d.eceAfter(),
                        folds.isExact() ? "exact" : "2^14-grid");
                yield d.calibrate();
            }
        };
        return calibrate ? Isotonic.fit(groups) : null;
    }

    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return fitted(problem, reference);
    }

    private <C extends ClassCounts, E extends ClassCounts> Fitted<C, E> fitted(
            ClassificationProblem<C, E> p, ChunkTable reference) {
        return new Fitted<>(p, reference);
    }

    private final class Fitted<C extends ClassCounts, E extends ClassCounts> extends FittedBase {
        private final RealizedFit<C, E> realized;
        private final Problem.Estimates<E> estimates;

        Fitted(ClassificationProblem<C, E> p, ChunkTable ref) {
            realized = realized(p, ref);
            analysisSpecs.addAll(chunkSpecs());
            estimates = p.estimates(ref, EstimatedPerformanceCalculator.this::calibrator);
            analysisSpecs.addAll(estimates.specs());
            referenceResults = PerformanceGap.appended(
                    realized.estimates(NAME, ref, estimates, realized.reference()), config.performanceGap());
        }

        @Override
        public List<Measurement> calculate(ChunkTable analysis) {
            return PerformanceGap.appended(
                    realized.estimates(NAME, analysis, estimates, realized.calculate(analysis)),
                    config.performanceGap());
        }
    }
}
