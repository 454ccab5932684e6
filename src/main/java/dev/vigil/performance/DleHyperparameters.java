package dev.vigil.performance;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import java.io.Serializable;

/**
 * {@code calculators.estimated_performance.hyperparameters} for DLE (regression): the
 * gradient-boosted trees that predict each row's loss, under LightGBM's names (NannyML's {@code
 * hyperparameters} are LightGBM's) mapped onto Spark MLlib's {@code GBTRegressor}: {@code
 * n_estimators} → maxIter, {@code learning_rate} → stepSize, {@code max_depth} → maxDepth, {@code
 * min_child_samples} → minInstancesPerNode, {@code max_bin} → maxBins, {@code subsample} →
 * subsamplingRate, {@code seed} → seed.
 */
public record DleHyperparameters(
        int nEstimators,
        double learningRate,
        int maxDepth,
        int minChildSamples,
        int maxBin,
        double subsample,
        long seed)
        implements Serializable {
    static final Key<Integer> N_ESTIMATORS = Key.positiveInt("n_estimators", 50, "trees per model");
    static final Key<Double> LEARNING_RATE =
            Key.of("learning_rate", "a number in (0, 1]", 0.1, "the boosting step", Section::fractionOf);
    static final Key<Integer> MAX_DEPTH = whole(
            "max_depth",
            1,
            30,
            5,
            "depth of each tree",
            " (MLlib's limit; LightGBM's -1, unlimited, has no equivalent)");
    static final Key<Integer> MIN_CHILD_SAMPLES = Key.positiveInt("min_child_samples", 20, "rows per leaf");
    static final Key<Integer> MAX_BIN = whole("max_bin", 2, 65_536, 64, "bins per feature", "");
    static final Key<Double> SUBSAMPLE = Key.of(
            "subsample", "a number in (0, 1]", 1.0, "the fraction of rows each tree trains on", Section::fractionOf);
    static final Key<Long> SEED = Key.of(
            "seed",
            "a whole number",
            42L,
            "the models' seed",
            (s, k) -> s.wholeIn(k, 0, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number"));

    public static final Schema SCHEMA = Schema.of(
            "calculators.estimated_performance.hyperparameters",
            "DLE's loss models (regression): LightGBM's names mapped onto MLlib's GBTRegressor",
            N_ESTIMATORS,
            LEARNING_RATE,
            MAX_DEPTH,
            MIN_CHILD_SAMPLES,
            MAX_BIN,
            SUBSAMPLE,
            SEED);

    /** A whole-number key from {@code lo} to {@code hi}; its error adds {@code why} to the range. */
    private static Key<Integer> whole(String name, int lo, int hi, int byDefault, String description, String why) {
        String expected = "a whole number from " + lo + " to " + hi;
        return Key.of(name, expected, byDefault, description, (s, k) -> (int) s.wholeIn(k, 0, lo, hi, expected + why));
    }

    /** Vigil's defaults (docs/calculators.md, "Estimated performance for regression"). */
    public static final DleHyperparameters DEFAULTS = parse(Section.empty(SCHEMA.path()));

    static DleHyperparameters parse(Section h) {
        SCHEMA.check(h);
        return new DleHyperparameters(
                N_ESTIMATORS.read(h),
                LEARNING_RATE.read(h),
                MAX_DEPTH.read(h),
                MIN_CHILD_SAMPLES.read(h),
                MAX_BIN.read(h),
                SUBSAMPLE.read(h),
                SEED.read(h));
    }
}
