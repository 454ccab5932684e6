package dev.vigil.performance;

import dev.vigil.config.ProblemType;
import dev.vigil.internal.Errors;
import dev.vigil.performance.PerformanceMetric.Needs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The registry of performance metrics: one line per metric, in NannyML's order. Realized
 * performance, CBPE and DLE build their measures from here; the configuration's valid metric names
 * per problem type, its defaults, its threshold names, {@code --help} and error suggestions read
 * them from here.
 */
public final class PerformanceMetrics {
    private PerformanceMetrics() {}

    static final List<PerformanceMetric> ALL = List.of(
            new RocAuc(),
            new F1(),
            new Precision(),
            new Recall(),
            new Specificity(),
            new Accuracy(),
            new AveragePrecision(),
            new ConfusionMatrix(),
            new BusinessValue(),
            new Mae(),
            new Mape(),
            new Mse(),
            new Rmse(),
            new Msle(),
            new Rmsle());

    /**
     * The metrics realized performance computes for a problem type ({@code estimated}: those
     * estimated_performance estimates).
     */
    public static List<String> names(ProblemType type, boolean estimated) {
        return names(ALL, type, estimated);
    }

    /** Whether realized performance reads the scores for {@code metric} (roc_auc, ...), not the prediction. */
    public static boolean readsScores(String metric, ProblemType type) {
        return needing(PerformanceMetric.Needs.SCORES, type).contains(metric);
    }

    static List<String> names(List<PerformanceMetric> registry, ProblemType type, boolean estimated) {
        return select(registry, m -> applies(m, type, estimated));
    }

    /** The metrics of a section that names none. */
    static List<String> defaults(ProblemType type, boolean estimated) {
        return select(ALL, m -> applies(m, type, estimated) && m.onByDefault());
    }

    /**
     * Checks configured metric names: an unknown name, or (estimated) one without an estimate, is an
     * error naming the key and the valid names.
     */
    static void check(String key, List<String> metrics, ProblemType type, boolean estimated) {
        check(ALL, key, metrics, type, estimated);
    }

    static void check(
            List<PerformanceMetric> registry, String key, List<String> metrics, ProblemType type, boolean estimated) {
        List<String> valid = names(registry, type, estimated);
        for (String m : metrics) {
            if (valid.contains(m)) {
                continue;
            }
            if (estimated && names(registry, type, false).contains(m)) {
                throw Errors.badValue(
                        key,
                        m,
                        "a metric with an estimate for "
                                + type.key()
                                + " ('"
                                + m
                                + "' is realized_performance only), one of "
                                + valid.stream().sorted().toList());
            }
            throw Errors.unknownName(key, m, valid);
        }
    }

    /** The metrics of a problem type that need {@code need}, in registry order. */
    static List<String> needing(Needs need, ProblemType type) {
        return select(ALL, m -> m.problemTypes().contains(type) && m.needs().contains(need));
    }

    /** The metrics among {@code names} that need {@code need}, in registry order. */
    static List<String> needing(Needs need, Collection<String> names) {
        return select(ALL, m -> names.contains(m.name()) && m.needs().contains(need));
    }

    /** The names {@code thresholds.<performance calculator>.<metric>} may use, sorted. */
    static Collection<String> thresholdNames() {
        TreeSet<String> names = new TreeSet<>();
        ALL.forEach(m -> names.addAll(m.thresholdNames()));
        return names;
    }

    /** The valid metric names of each problem type, for {@code --help} and the reference. */
    static Map<String, Collection<String>> choices(boolean estimated) {
        Map<String, Collection<String>> out = new LinkedHashMap<>();
        for (ProblemType t : ProblemType.values()) {
            out.put("metrics (" + t.key() + ")", names(t, estimated));
        }
        return out;
    }

    /**
     * Whether a higher value of the results' metric {@code name} is better (roc_auc, f1, accuracy,
     * business_value ...: true; mae, mse, ... losses: false); empty for a name that is no ranked
     * performance metric (a confusion-matrix cell, another calculator's metric).
     */
    public static Optional<Boolean> higherIsBetter(String name) {
        return ALL.stream()
                .filter(m -> m.name().equals(name) && m.better() != PerformanceMetric.Better.NONE)
                .findFirst()
                .map(m -> m.better() == PerformanceMetric.Better.HIGHER);
    }

    static PerformanceMetric get(String name) {
        return ALL.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no performance metric " + name));
    }

    private static boolean applies(PerformanceMetric m, ProblemType type, boolean estimated) {
        return m.problemTypes().contains(type) && (!estimated || m.estimated().contains(type));
    }

    private static List<String> select(List<PerformanceMetric> registry, Predicate<PerformanceMetric> which) {
        return registry.stream().filter(which).map(PerformanceMetric::name).toList();
    }
}
