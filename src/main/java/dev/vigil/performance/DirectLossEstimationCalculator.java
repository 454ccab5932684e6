package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.calculators.RowModel;
import dev.vigil.internal.UserException;
import dev.vigil.performance.RegressionProblem.Loss;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's DLE (direct loss estimation) for regression: performance estimated without targets.
 * Fitted on the reference rows: one gradient-boosted regressor per {@link Loss} the configured
 * metrics are means of (rmse and rmsle share mse's and msle's) predicts each row's loss from the
 * features and the prediction. The per-row predicted losses are added to the analysis before its
 * one scan ({@link FittedCalculator#rowModels}); per chunk each metric's estimate comes from their
 * mean ({@link LossMetric}). Sampling errors, thresholds (from the reference chunks' realized
 * values) and the realized values come from realized performance, exactly as CBPE does
 * (docs/nannyml-dle.md).
 */
public final class DirectLossEstimationCalculator extends PerformanceCalculator {
    public static final String NAME = EstimatedPerformanceCalculator.NAME;
    private static final String OUTPUT = "_vigil_dle_";
    private static final Logger LOG = LoggerFactory.getLogger(DirectLossEstimationCalculator.class);

    private final EstimatedPerformanceConfig config;
    private final RegressionProblem problem;
    private final String target;
    private final String prediction;
    private final List<String> continuous;
    private final List<String> categorical;

    /**
     * @param continuous the numeric features
     * @param categorical the categorical features
     */
    public DirectLossEstimationCalculator(
            EstimatedPerformanceConfig config,
            String target,
            String prediction,
            List<String> continuous,
            List<String> categorical,
            Map<String, Threshold> overrides) {
        super(NAME, config.metrics(), overrides);
        this.config = config;
        this.target = target;
        this.prediction = prediction;
        this.continuous = List.copyOf(continuous);
        this.categorical = List.copyOf(categorical);
        this.problem = new RegressionProblem(target, prediction);
    }

    @Override
    public Map<String, String> derivedColumns() {
        return problem.derivedColumns();
    }

    private List<StateSpec> chunkSpecs() {
        List<StateSpec> specs = new ArrayList<>(problem.specs());
        specs.add(new Specs.MomentsOf(prediction));
        return specs;
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        return chunkSpecs();
    }

    /** DLE's loss models train on the reference rows, through the {@code learner}. */
    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return new Fitted(reference, learner);
    }

    /** The column of a loss's per-row prediction. */
    static String output(Loss loss) {
        return OUTPUT + loss.key();
    }

    private final class Fitted implements FittedCalculator {
        private final RealizedFit<RegressionProblem.States, RegressionProblem.Losses> realized;
        private final RowModel models;
        private final List<StateSpec> analysisSpecs = new ArrayList<>(chunkSpecs());
        private final List<StateSpec> estimateSpecs = new ArrayList<>();
        private final Map<Loss, StateSpec> predicted = new LinkedHashMap<>();

        Fitted(ChunkTable ref, Learner learner) {
            realized = realized(problem, ref);
            RegressionProblem.States whole = problem.whole(ref, null);
            if (whole.rows() == 0) {
                throw new UserException("the reference data has no row with both a target ('"
                        + target
                        + "') and a prediction ('"
                        + prediction
                        + "'); expected some: estimated_performance (DLE) learns its loss models from them");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (LossMetric.Of m : problem.lossMeasures(config.metrics())) {
                if (!whole.defined(m.loss())) {
                    LOG.warn(
                            "estimated_performance (DLE): the reference has negative targets or predictions; {} is not"
                                    + " estimated (null), as its realized value is undefined (NannyML refuses to fit it)",
                            m.name());
                    continue;
                }
                labels.put(output(m.loss()), m.loss().column());
                predicted.put(m.loss(), new Specs.MomentsOf(output(m.loss())));
            }
            List<String> numeric = new ArrayList<>(continuous);
            numeric.add(prediction);
            models = labels.isEmpty()
                    ? null
                    : learner.regressors(new Learner.RegressorRequest(
                            numeric, categorical, labels, List.of(target, prediction), config.hyperparameters()));
            estimateSpecs.addAll(predicted.values());
            analysisSpecs.addAll(estimateSpecs);
        }

        @Override
        public List<RowModel> rowModels() {
            return models == null ? List.of() : List.of(models);
        }

        @Override
        public List<StateSpec> analysisSpecs() {
            return analysisSpecs;
        }

        @Override
        public List<StateSpec> fittedReferenceSpecs() {
            return estimateSpecs;
        }

        /** The reference estimates need the fitted reference pass: {@link #reference(ChunkTable)}. */
        @Override
        public List<Measurement> reference() {
            throw new IllegalStateException("DLE's reference results need the states of its fitted columns");
        }

        @Override
        public List<Measurement> reference(ChunkTable reference) {
            return PerformanceGap.appended(
                    realized.estimates(NAME, reference, this::losses, realized.reference()), config.performanceGap());
        }

        @Override
        public List<Measurement> calculate(ChunkTable analysis) {
            return PerformanceGap.appended(
                    realized.estimates(NAME, analysis, this::losses, realized.calculate(analysis)),
                    config.performanceGap());
        }

        /** NannyML's n: the chunk's rows with a prediction (targets play no part). */
        private RegressionProblem.Losses losses(ChunkTable t, String seg, int i) {
            long n = t.<Moments>state(seg, i, new Specs.MomentsOf(prediction)).n();
            return new RegressionProblem.Losses(new Problem.Where(t, seg, i), predicted, n);
        }
    }
}
