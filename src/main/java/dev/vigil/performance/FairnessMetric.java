package dev.vigil.performance;

import dev.vigil.thresholds.MetricRule;
import java.io.Serializable;

/**
 * A fairness metric: the difference between a rate of one segment's rows and the same rate of the
 * rest of the chunk (the whole chunk minus the segment's rows), each rate {@code hits / over} of a
 * group's {@link FairnessCounts}. Both groups' counts are mergeable sums, so the rest's are the whole
 * population's minus the segment's: no state and no scan of their own. Realized from the counted
 * confusion cells; CBPE-estimated (where {@link #estimable}) from the expected cells of the
 * calibrated probabilities. Its sampling error is that of a difference of two independent
 * proportions, {@code √(q_s(1−q_s)/(n_s·f_s) + q_r(1−q_r)/(n_r·f_r))}, with {@code q} each group's
 * rate on the whole reference, {@code f} the share of the group's reference rows the rate is over
 * and {@code n} the group's rows in the chunk (NannyML's binary rate error {@code √(q(1−q))/√(n·f)}
 * for each group, added in quadrature). Thresholds and alerts: {@link #rule}.
 */
abstract class FairnessMetric implements Serializable {
    private final String name;
    private final boolean needsTargets;
    private final boolean estimable;

    FairnessMetric(String name, boolean needsTargets, boolean estimable) {
        this.name = name;
        this.needsTargets = needsTargets;
        this.estimable = estimable;
    }

    /** The realized metric's name. */
    final String name() {
        return name;
    }

    /** The estimated counterpart's name ({@value #ESTIMATED}{@code <name>}); only if {@link #estimable}. */
    final String estimatedName() {
        return ESTIMATED + name;
    }

    static final String ESTIMATED = "estimated_";

    /** Whether the realized value reads the targets. */
    final boolean needsTargets() {
        return needsTargets;
    }

    /** Whether CBPE estimates it (a metric that reads no target is the same realized or estimated). */
    final boolean estimable() {
        return estimable;
    }

    /** The rate's numerator over a group's counts. */
    abstract double hits(FairnessCounts c);

    /** The rows the rate is over: also the group of its sampling error. */
    abstract double over(FairnessCounts c);

    /** The rows {@link #over} is a share of (its sampling error's {@code n}). */
    abstract double base(FairnessCounts c);

    /** What {@link #over} counts, for the note of an undefined value ("rows with target 1"). */
    abstract String overWhat();

    /** NannyML's usual rule over the limits of a difference of two rates: mean ± 3σ within [−1, 1]. */
    MetricRule rule() {
        return MetricRule.standard(-1.0, 1.0);
    }

    /** The group's rate; NaN on an empty {@link #over}. */
    final double rate(FairnessCounts c) {
        double d = over(c);
        return d > 0 ? hits(c) / d : Double.NaN;
    }

    /**
     * The sampling-error component from the whole reference's segment and rest: {q_s(1−q_s), f_s,
     * q_r(1−q_r), f_r} (NaN where a group's rate has no rows).
     */
    final double[] component(FairnessCounts segment, FairnessCounts rest) {
        double qs = rate(segment);
        double qr = rate(rest);
        return new double[] {qs * (1 - qs), over(segment) / base(segment), qr * (1 - qr), over(rest) / base(rest)};
    }

    /** The sampling error on a chunk with {@code ns} rows in the segment and {@code nr} in the rest. */
    static double samplingError(double[] k, double ns, double nr) {
        return Math.sqrt(k[0] / (ns * k[1]) + k[2] / (nr * k[3]));
    }

    /** {@code statistical_parity_difference}: P(ŷ=1 | segment) − P(ŷ=1 | rest), over the rows with a prediction. */
    static final class StatisticalParity extends FairnessMetric {
        StatisticalParity() {
            super("statistical_parity_difference", false, false);
        }

        @Override
        double hits(FairnessCounts c) {
            return c.predictedPositive();
        }

        @Override
        double over(FairnessCounts c) {
            return c.predicted();
        }

        @Override
        double base(FairnessCounts c) {
            return c.predicted();
        }

        @Override
        String overWhat() {
            return "rows with a prediction";
        }
    }

    /** {@code equal_opportunity_difference}: TPR(segment) − TPR(rest), TPR = TP / (TP + FN). */
    static final class EqualOpportunity extends FairnessMetric {
        EqualOpportunity() {
            super("equal_opportunity_difference", true, true);
        }

        @Override
        double hits(FairnessCounts c) {
            return c.tp();
        }

        @Override
        double over(FairnessCounts c) {
            return c.tp() + c.fn();
        }

        @Override
        double base(FairnessCounts c) {
            return c.labelled();
        }

        @Override
        String overWhat() {
            return "positives (target 1)";
        }
    }

    /** {@code predictive_parity_difference}: precision(segment) − precision(rest), TP / (TP + FP). */
    static final class PredictiveParity extends FairnessMetric {
        PredictiveParity() {
            super("predictive_parity_difference", true, true);
        }

        @Override
        double hits(FairnessCounts c) {
            return c.tp();
        }

        @Override
        double over(FairnessCounts c) {
            return c.tp() + c.fp();
        }

        @Override
        double base(FairnessCounts c) {
            return c.labelled();
        }

        @Override
        String overWhat() {
            return "rows predicted 1 with a target";
        }
    }
}
