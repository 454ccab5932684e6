package dev.vigil.calculators;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProblemType;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.thresholds.Threshold;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of calculator, registered in {@link Calculators}: its CONTRACT name, its configuration
 * section ({@code calculators.<name>}), the metrics its thresholds may name, and how it builds its
 * calculators from its configuration. Nothing outside the calculator's own package knows more about
 * it than this.
 *
 * @param <C> the record its configuration section fills
 */
public interface CalculatorType<C> {
    /** The CONTRACT name, e.g. {@code univariate_drift}. */
    String name();

    /** Whether it runs when the configuration has no {@code calculators} section at all. */
    boolean onByDefault();

    /** The keys of {@code calculators.<name>}. */
    Schema schema();

    /**
     * Reads and validates its section (an empty section when the calculator is named without
     * settings); errors name the key.
     */
    C parse(Section section, Context context);

    /** The metric names {@code thresholds.<name>.<metric>} may use for this problem type. */
    Collection<String> thresholdMetrics(ProblemType type);

    /**
     * The names its keys accept, by key ({@code continuous_methods} → the registered methods, {@code
     * metrics} → the registered metrics...): for {@code --help}, error suggestions and the
     * configuration reference.
     */
    Map<String, Collection<String>> choices();

    /** Checks that need the whole configuration (e.g. incremental runs); none by default. */
    default void check(C config, MonitorConfig monitor) {}

    /** The calculators its configuration asks for, over the run's resolved columns. */
    Built build(C config, Build build);

    /** What a section is read against: the problem type and the column roles. */
    record Context(ProblemType problemType, ColumnsConfig columns) {}

    /** What a calculator is built from. */
    record Build(MonitorConfig monitor, ResolvedColumns columns) {
        /** The threshold overrides of one calculator ({@code thresholds.<calculator>.<metric>}). */
        public Map<String, Threshold> overrides(String calculator) {
            Map<String, Threshold> out = new LinkedHashMap<>();
            monitor.thresholds().forEach((k, v) -> {
                if (k.startsWith(calculator + ".")) {
                    out.put(k.substring(calculator.length() + 1), Threshold.of(v));
                }
            });
            return out;
        }
    }

    /** Scan-based calculators and row-based ones (the domain classifier). */
    record Built(List<Calculator> scans, List<RowCalculator> rows) {
        public static Built of(Calculator c) {
            return new Built(List.of(c), List.of());
        }

        public static Built of(RowCalculator c) {
            return new Built(List.of(), List.of(c));
        }
    }
}
