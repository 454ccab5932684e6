package dev.vigil.performance;

import dev.vigil.config.ProblemType;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * A performance metric under its NannyML name, one class each, registered in {@link
 * PerformanceMetrics}: the problem types realized performance computes it for, those
 * estimated_performance (CBPE, DLE) estimates it for, whether it is on by default, what it needs
 * from the configuration, and its {@link Measure}s on each problem type it applies to. Realized
 * performance, CBPE and DLE read every metric through this class; none of them knows a metric by
 * name.
 */
abstract class PerformanceMetric implements Serializable {
    /** What a metric needs besides the target and the prediction. */
    enum Needs {
        /** the score column (binary classification) */
        SCORES,
        /** {@code business_value_matrix} */
        BUSINESS_VALUE_MATRIX
    }

    static final Set<ProblemType> BINARY = Set.of(ProblemType.BINARY_CLASSIFICATION);
    static final Set<ProblemType> CLASSIFICATION =
            Set.of(ProblemType.BINARY_CLASSIFICATION, ProblemType.MULTICLASS_CLASSIFICATION);
    static final Set<ProblemType> REGRESSION = Set.of(ProblemType.REGRESSION);

    /** Which way a metric's value is better: what ranks a segment as underperforming. */
    enum Better {
        /** a rate or a value: roc_auc, f1, accuracy, business_value ... */
        HIGHER,
        /** a loss: mae, mse, ... */
        LOWER,
        /** not a performance (the confusion matrix's counts): never ranked */
        NONE
    }

    /** Computed when a section names no metrics. */
    static final boolean BY_DEFAULT = true;

    /** Computed only when a section names it. */
    static final boolean OPT_IN = false;

    private final String name;
    private final Set<ProblemType> problemTypes;
    private final boolean onByDefault;
    private final Set<Needs> needs;

    /**
     * @param name the name in {@code calculators.*.metrics}
     * @param problemTypes the problem types realized performance computes it for
     * @param onByDefault {@link #BY_DEFAULT} or {@link #OPT_IN}
     */
    PerformanceMetric(String name, Set<ProblemType> problemTypes, boolean onByDefault, Needs... needs) {
        this.name = name;
        this.problemTypes = problemTypes;
        this.onByDefault = onByDefault;
        this.needs = Set.of(needs);
    }

    final String name() {
        return name;
    }

    final Set<ProblemType> problemTypes() {
        return problemTypes;
    }

    /**
     * The problem types estimated_performance estimates it for (CBPE's expectation, DLE's loss):
     * every type it applies to unless it says otherwise; others are refused at configuration time.
     */
    Set<ProblemType> estimated() {
        return problemTypes;
    }

    final boolean onByDefault() {
        return onByDefault;
    }

    final Set<Needs> needs() {
        return needs;
    }

    /** Which way its value is better (declared once per metric, here and nowhere else). */
    abstract Better better();

    /** The names {@code thresholds.<calculator>.<name>} may use for it. */
    List<String> thresholdNames() {
        return List.of(name);
    }

    /** Its measures on binary classification under a section's settings. */
    List<? extends Measure<BinaryProblem.States, Cbpe.Chunk>> binary(RealizedPerformanceConfig settings) {
        throw new UnsupportedOperationException(name + " is not a binary classification metric");
    }

    /** Its measures on multiclass classification over the classes (sorted labels). */
    List<? extends Measure<MulticlassProblem.States, MulticlassExpected>> multiclass(
            RealizedPerformanceConfig settings, List<String> classes) {
        throw new UnsupportedOperationException(name + " is not a multiclass metric");
    }

    /** Its measures on regression, each the mean of one per-row loss or its root. */
    List<? extends LossMetric.Of> regression() {
        throw new UnsupportedOperationException(name + " is not a regression metric");
    }
}
