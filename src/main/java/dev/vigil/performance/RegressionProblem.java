package dev.vigil.performance;

import dev.vigil.internal.Sql;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression's states: per row its losses (and the raw percentage error mape's sampling error
 * needs, and whether the target or the prediction is negative) as derived columns, their moments
 * per chunk. Rows without a target or a prediction have no losses.
 */
record RegressionProblem(String target, String prediction)
        implements Problem<RegressionProblem.States, RegressionProblem.Losses> {
    static final String APE_RAW = "_vigil_ape_raw";
    static final String NEG_INPUT = "_vigil_negative";

    /** A per-row loss: its key and derived column. */
    enum Loss {
        /** |y − ŷ| */
        AE("ae", "_vigil_ae"),
        /** |y − ŷ| / max(|y|, ε) */
        APE("ape", "_vigil_ape"),
        /** (y − ŷ)² */
        SE("se", "_vigil_se"),
        /** (ln(1 + y) − ln(1 + ŷ))², undefined where y or ŷ is negative */
        SLE("sle", "_vigil_sle");

        private final String key;
        private final String column;

        Loss(String key, String column) {
            this.key = key;
            this.column = column;
        }

        String key() {
            return key;
        }

        String column() {
            return column;
        }
    }

    @Override
    public Map<String, String> derivedColumns() {
        String y = Sql.quote(target);
        String p = Sql.quote(prediction);
        Map<String, String> d = new LinkedHashMap<>();
        String e = "(cast(" + y + " as double) - cast(" + p + " as double))";
        d.put(Loss.AE.column(), "abs" + e);
        d.put(Loss.APE.column(), "abs" + e + " / greatest(abs(cast(" + y + " as double)), 2.220446049250313e-16)");
        // MAPE's sampling error only; try_divide: null at a zero target (left out of that std) whether or not
        // ANSI mode is on (Spark 4's default, where a plain "/" by zero fails the job)
        d.put(APE_RAW, "try_divide(abs" + e + ", cast(" + y + " as double))");
        d.put(Loss.SE.column(), "pow(" + e + ", 2)");
        d.put(Loss.SLE.column(), "pow(ln(1 + cast(" + y + " as double)) - ln(1 + cast(" + p + " as double)), 2)");
        d.put(NEG_INPUT, Problem.unlessMissing(y, p, "WHEN " + y + " < 0 OR " + p + " < 0 THEN 1.0 ELSE 0.0"));
        return d;
    }

    @Override
    public List<StateSpec> specs() {
        return derivedColumns().keySet().stream()
                .<StateSpec>map(Specs.MomentsOf::new)
                .toList();
    }

    @Override
    public States view(Where at) {
        return new States(at);
    }

    @Override
    public List<LossMetric.Of> measuresOf(PerformanceMetric metric, RealizedPerformanceConfig settings) {
        return List.copyOf(metric.regression());
    }

    /** The configured metrics' measures, each with the loss DLE's model learns for it. */
    List<LossMetric.Of> lossMeasures(RealizedPerformanceConfig settings) {
        return settings.metrics().stream()
                .<LossMetric.Of>flatMap(name -> PerformanceMetrics.get(name).regression().stream())
                .toList();
    }

    /** The losses' moments of a chunk (or of the whole reference). */
    record States(Where at) implements Measure.Rows {
        Moments moments(String column) {
            return at.state(new Specs.MomentsOf(column));
        }

        /** Whether the loss has a value on these rows: the squared log error needs no negative. */
        boolean defined(Loss loss) {
            return loss != Loss.SLE || !negative();
        }

        /** Whether a target or a prediction among these rows is negative. */
        boolean negative() {
            return moments(NEG_INPUT).max() > 0;
        }

        /** The rows with a target and a prediction. */
        @Override
        public long rows() {
            return moments(Loss.AE.column()).n();
        }
    }

    /**
     * A chunk's means of DLE's predicted losses.
     *
     * @param predicted the moments spec of each loss's predicted column, where DLE fitted a model
     * @param rows the chunk's rows with a prediction (NannyML's n; targets play no part)
     */
    record Losses(Where at, Map<Loss, StateSpec> predicted, long rows) implements Measure.Rows {
        /** The mean predicted loss; NaN for a loss without a model. */
        double meanPredicted(Loss loss) {
            StateSpec spec = predicted.get(loss);
            return spec == null ? Double.NaN : at.<Moments>state(spec).mean();
        }
    }
}
