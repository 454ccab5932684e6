package dev.vigil.drift;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.List;

/**
 * {@code calculators.univariate_drift}: columns (null = features + scores + prediction), the
 * methods per column kind (NannyML's default: jensen_shannon for both), and NannyML's {@code
 * calculation_method}/{@code n_bins} for the methods with an exact path.
 */
public record UnivariateDriftConfig(
        List<String> columns,
        List<String> continuousMethods,
        List<String> categoricalMethods,
        CalculationMethod calculationMethod,
        int nBins)
        implements Serializable {

    /** exact below 10,000 reference values (auto), always exact, or always binned (estimated). */
    public enum CalculationMethod {
        AUTO,
        EXACT,
        ESTIMATED
    }

    /** The registered methods for continuous columns ({@link DriftMethods}). */
    public static final List<String> CONTINUOUS_METHODS = DriftMethods.keys(DriftMethod.Kind.CONTINUOUS);

    /** The registered methods for categorical columns ({@link DriftMethods}). */
    public static final List<String> CATEGORICAL_METHODS = DriftMethods.keys(DriftMethod.Kind.CATEGORICAL);

    static final Key<List<String>> COLUMNS =
            Key.names("columns", null, "the columns to measure (default: the features, the scores and the prediction)");
    static final Key<List<String>> CONTINUOUS = Key.names(
                    "continuous_methods",
                    List.of("jensen_shannon"),
                    "methods for continuous columns, among " + CONTINUOUS_METHODS)
            .withChoices(CONTINUOUS_METHODS);
    static final Key<List<String>> CATEGORICAL = Key.names(
                    "categorical_methods",
                    List.of("jensen_shannon"),
                    "methods for categorical columns, among " + CATEGORICAL_METHODS)
            .withChoices(CATEGORICAL_METHODS);
    static final Key<CalculationMethod> CALCULATION_METHOD = Key.oneOf(
            "calculation_method",
            CalculationMethod.class,
            CalculationMethod.AUTO,
            DriftMethods.exactPathMethods()
                    + ": exact below 10,000 reference values (auto), always"
                    + " exact, or always on n_bins bins (estimated), as NannyML");
    static final Key<Integer> N_BINS =
            Key.positiveInt("n_bins", 10_000, "bins of the estimated path of " + DriftMethods.exactPathMethods());

    public static final Schema SCHEMA = Schema.of(
            "calculators.univariate_drift",
            "NannyML's univariate drift: per column and chunk, each method's distance to the whole" + " reference",
            COLUMNS,
            CONTINUOUS,
            CATEGORICAL,
            CALCULATION_METHOD,
            N_BINS);

    public static UnivariateDriftConfig defaults() {
        return parse(Section.empty(SCHEMA.path()));
    }

    /** Reads the section; unknown keys and methods are errors naming the closest valid one. */
    public static UnivariateDriftConfig parse(Section u) {
        SCHEMA.check(u);
        List<String> continuous = CONTINUOUS.read(u);
        List<String> categorical = CATEGORICAL.read(u);
        for (String m : continuous) {
            if (!CONTINUOUS_METHODS.contains(m)) {
                throw Errors.unknownName(CONTINUOUS.in(u), m, CONTINUOUS_METHODS);
            }
        }
        for (String m : categorical) {
            if (!CATEGORICAL_METHODS.contains(m)) {
                throw Errors.unknownName(CATEGORICAL.in(u), m, CATEGORICAL_METHODS);
            }
        }
        return new UnivariateDriftConfig(
                COLUMNS.read(u),
                List.copyOf(continuous),
                List.copyOf(categorical),
                CALCULATION_METHOD.read(u),
                N_BINS.read(u));
    }
}
