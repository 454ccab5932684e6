package dev.vigil.multivariate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calculators.multivariate_drift}: the method, its columns (null = the features) and the
 * method's settings: NannyML's {@code n_components} for {@code reconstruction_error} (PCA data
 * reconstruction: a fraction of the variance in (0, 1), or a whole number of components), the
 * classifier's settings for {@code domain_classifier} (null for the other method).
 */
public record MultivariateDriftConfig(
        String method, List<String> columns, double nComponents, DomainClassifierConfig domainClassifier)
        implements Serializable {
    public static final String RECONSTRUCTION_ERROR = "reconstruction_error";
    public static final String DOMAIN_CLASSIFIER = "domain_classifier";
    public static final List<String> METHODS = List.of(RECONSTRUCTION_ERROR, DOMAIN_CLASSIFIER);

    /**
     * The metric each method writes (the domain classifier's is NannyML's {@code
     * domain_classifier_auroc}).
     */
    public static final List<String> METRICS = List.of(RECONSTRUCTION_ERROR, "domain_classifier_auroc");

    public static final double DEFAULT_N_COMPONENTS = 0.65;

    public MultivariateDriftConfig(String method, List<String> columns, double nComponents) {
        this(method, columns, nComponents, null);
    }

    public static MultivariateDriftConfig defaults() {
        return new MultivariateDriftConfig(RECONSTRUCTION_ERROR, null, DEFAULT_N_COMPONENTS);
    }

    static final Key<String> METHOD = Key.of(
                    "method",
                    "one of " + String.join(", ", METHODS),
                    RECONSTRUCTION_ERROR,
                    "PCA data reconstruction (NannyML's DataReconstructionDriftCalculator) or the domain"
                            + " classifier",
                    (s, k) -> s.string(k, RECONSTRUCTION_ERROR))
            .withChoices(METHODS);
    static final Key<List<String>> COLUMNS =
            Key.names("columns", null, "the features to use together (default: every feature)");
    static final Key<Double> N_COMPONENTS = Key.of(
            "n_components",
            "a fraction of the variance in (0, 1), or a whole number of components",
            DEFAULT_N_COMPONENTS,
            "reconstruction_error only: the principal components kept",
            MultivariateDriftConfig::nComponents);
    static final Key<Integer> MAX_TRAINING_ROWS = Key.positiveInt(
            "max_training_rows",
            10_000,
            "domain_classifier only: the reference and each chunk are sampled to at most this many"
                    + " rows (Vigil's cost bound)");
    static final Key<Integer> CV_FOLDS_NUM = Key.of(
            "cv_folds_num",
            "a whole number >= 2",
            5,
            "domain_classifier only: cross-validation folds (NannyML's)",
            (s, k) -> {
                int folds = s.positiveInt(k);
                if (folds < 2) {
                    throw Errors.badValue(s.key(k), folds, "a whole number >= 2 (NannyML's default is 5)");
                }
                return folds;
            });
    static final Key<Integer> N_ESTIMATORS = Key.positiveInt(
            "n_estimators", 100, "domain_classifier only: boosting rounds (LightGBM's; NannyML's default)");
    static final Key<Double> LEARNING_RATE = Key.of(
            "learning_rate",
            "a number in (0, 1]",
            0.1,
            "domain_classifier only: the boosting step (LightGBM's)",
            (s, k) -> {
                Double r = s.nullableDouble(k, null);
                if (r == null || !(r > 0 && r <= 1)) {
                    throw Errors.badValue(s.key(k), s.node().get(k).asText(), "a number in (0, 1], e.g. 0.1");
                }
                return r;
            });
    static final Key<Integer> NUM_LEAVES = Key.of(
            "num_leaves",
            "a whole number >= 2",
            31,
            "domain_classifier only: leaves per tree (LightGBM's; trees grow leaf-wise)",
            (s, k) -> {
                int leaves = s.positiveInt(k);
                if (leaves < 2) {
                    throw Errors.badValue(s.key(k), leaves, "a whole number >= 2 (LightGBM's default is 31)");
                }
                return leaves;
            });
    static final Key<Integer> MAX_DEPTH = Key.of(
            "max_depth",
            "-1 (no limit) or a whole number >= 1",
            -1,
            "domain_classifier only: depth limit of each tree (LightGBM's; -1: only num_leaves limits)",
            (s, k) -> {
                JsonNode v = s.node().get(k);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || (v.asInt() < 1 && v.asInt() != -1)) {
                    throw Errors.badValue(s.key(k), v.asText(), "-1 (no limit) or a whole number >= 1");
                }
                return v.asInt();
            });
    static final Key<Integer> MIN_CHILD_SAMPLES =
            Key.positiveInt("min_child_samples", 20, "domain_classifier only: rows per leaf (LightGBM's)");
    static final Key<Integer> MAX_BINS = Key.of(
            "max_bins",
            "a whole number >= 2",
            255,
            "domain_classifier only: histogram bins per feature (LightGBM's max_bin)",
            (s, k) -> {
                int bins = s.positiveInt(k);
                if (bins < 2) {
                    throw Errors.badValue(s.key(k), bins, "a whole number >= 2");
                }
                return bins;
            });
    static final Key<Long> RANDOM_STATE =
            Key.of("random_state", "a whole number", 13L, "domain_classifier only: the classifier's seed", (s, k) -> {
                JsonNode v = s.node().get(k);
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw Errors.badValue(s.key(k), v.asText(), "a whole number (the classifier's seed)");
                }
                return v.asLong();
            });

    static final List<Key<?>> CLASSIFIER_KEYS = List.of(
            MAX_TRAINING_ROWS,
            CV_FOLDS_NUM,
            N_ESTIMATORS,
            LEARNING_RATE,
            NUM_LEAVES,
            MAX_DEPTH,
            MIN_CHILD_SAMPLES,
            MAX_BINS,
            RANDOM_STATE);

    public static final Schema SCHEMA = schema();

    private static Schema schema() {
        List<Key<?>> keys = new ArrayList<>(List.of(METHOD, COLUMNS, N_COMPONENTS));
        keys.addAll(CLASSIFIER_KEYS);
        return new Schema(
                "calculators.multivariate_drift", "multivariate drift over the features together (opt-in)", keys);
    }

    /** Reads the section. Each method takes its own keys: another method's key is an error. */
    public static MultivariateDriftConfig parse(Section m) {
        String method = METHOD.read(m);
        if (!METHODS.contains(method)) {
            throw Errors.unknownName(METHOD.in(m), method, METHODS);
        }
        boolean classifier = method.equals(DOMAIN_CLASSIFIER);
        List<String> other = classifier
                ? List.of(N_COMPONENTS.name())
                : CLASSIFIER_KEYS.stream().map(Key::name).toList();
        m.node().fieldNames().forEachRemaining(k -> {
            if (other.contains(k)) {
                throw Errors.badValue(
                        m.key(k),
                        "method: " + method,
                        "method: "
                                + (classifier ? RECONSTRUCTION_ERROR : DOMAIN_CLASSIFIER)
                                + " for this key (or remove it)");
            }
        });
        List<String> own = new ArrayList<>(List.of(METHOD.name(), COLUMNS.name()));
        own.addAll(classifier ? CLASSIFIER_KEYS.stream().map(Key::name).toList() : List.of(N_COMPONENTS.name()));
        m.allow(own.toArray(String[]::new));
        List<String> columns = COLUMNS.read(m);
        if (classifier) {
            return new MultivariateDriftConfig(
                    method,
                    columns,
                    DEFAULT_N_COMPONENTS,
                    new DomainClassifierConfig(
                            MAX_TRAINING_ROWS.read(m),
                            CV_FOLDS_NUM.read(m),
                            N_ESTIMATORS.read(m),
                            LEARNING_RATE.read(m),
                            MAX_DEPTH.read(m),
                            MIN_CHILD_SAMPLES.read(m),
                            MAX_BINS.read(m),
                            RANDOM_STATE.read(m),
                            NUM_LEAVES.read(m)));
        }
        return new MultivariateDriftConfig(method, columns, N_COMPONENTS.read(m));
    }

    private static double nComponents(Section m, String k) {
        JsonNode v = m.node().get(k);
        boolean fraction = v.isNumber() && v.asDouble() > 0 && v.asDouble() < 1;
        boolean count = v.isIntegralNumber() && v.asLong() >= 1
                || v.isNumber() && v.asDouble() >= 1 && v.asDouble() == Math.rint(v.asDouble());
        if (!fraction && !count) {
            throw Errors.badValue(
                    m.key(k),
                    v.toString(),
                    "a fraction of the variance in (0, 1), e.g. 0.65, or a whole number of components >= 1");
        }
        return v.asDouble();
    }

    /**
     * The domain classifier's settings. NannyML's names where it has the setting ({@code
     * cv_folds_num}; LightGBM's {@code n_estimators}, {@code learning_rate}, {@code num_leaves},
     * {@code max_depth}, {@code min_child_samples}, {@code random_state}), with LGBMClassifier's
     * defaults (NannyML's model); {@code max_bins} is LightGBM's {@code max_bin}; {@code
     * max_training_rows} is Vigil's cost bound: the reference and each chunk are sampled to at most
     * this many rows.
     */
    public record DomainClassifierConfig(
            int maxTrainingRows,
            int cvFoldsNum,
            int nEstimators,
            double learningRate,
            int maxDepth,
            int minChildSamples,
            int maxBins,
            long randomState,
            int numLeaves)
            implements Serializable {
        public static DomainClassifierConfig defaults() {
            return new DomainClassifierConfig(
                    MAX_TRAINING_ROWS.defaultValue(),
                    CV_FOLDS_NUM.defaultValue(),
                    N_ESTIMATORS.defaultValue(),
                    LEARNING_RATE.defaultValue(),
                    MAX_DEPTH.defaultValue(),
                    MIN_CHILD_SAMPLES.defaultValue(),
                    MAX_BINS.defaultValue(),
                    RANDOM_STATE.defaultValue(),
                    NUM_LEAVES.defaultValue());
        }
    }
}
