package dev.vigil.calculators;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProblemType;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import dev.vigil.thresholds.Threshold;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of calculator, registered in {@link Calculators}: its CONTRACT name, its configuration
 * section ({@code calculators.<name>}), the metrics its thresholds may name, and how it builds its
 * calculators from its configuration. Nothing outside the calculator's own package knows more about
 * it than this.
 *
 * @param <C> the record its configuration section fills
 */
public abstract class CalculatorType<C> {
    /** The prefix of every calculator's section path. */
    public static final String SECTION = "calculators.";

    private final Schema schema;
    private final boolean onByDefault;
    private final Collection<String> thresholdMetrics;
    private final BiFunction<Section, Context, C> parser;

    /**
     * @param schema the keys of {@code calculators.<name>}; its path gives the calculator's
     *     CONTRACT name, and its keys' {@link dev.vigil.config.Key#choices} the names they accept
     * @param onByDefault whether it runs when the configuration has no {@code calculators} section
     * @param thresholdMetrics the metric names {@code thresholds.<name>.<metric>} may use
     * @param parser reads and validates its section (an empty section when the calculator is named
     *     without settings); errors name the key
     */
    protected CalculatorType(
            Schema schema,
            boolean onByDefault,
            Collection<String> thresholdMetrics,
            BiFunction<Section, Context, C> parser) {
        if (!schema.path().startsWith(SECTION)) {
            throw new IllegalArgumentException(schema.path() + " is not under " + SECTION);
        }
        this.schema = schema;
        this.onByDefault = onByDefault;
        this.thresholdMetrics = thresholdMetrics;
        this.parser = parser;
    }

    /** A calculator whose section reads the same whatever the problem type and columns. */
    protected CalculatorType(
            Schema schema, boolean onByDefault, Collection<String> thresholdMetrics, Function<Section, C> parser) {
        this(schema, onByDefault, thresholdMetrics, (section, context) -> parser.apply(section));
    }

    /** The CONTRACT name, e.g. {@code univariate_drift}. */
    public final String name() {
        return schema.path().substring(SECTION.length());
    }

    public final boolean onByDefault() {
        return onByDefault;
    }

    public final Schema schema() {
        return schema;
    }

    /**
     * The names its keys accept, by key ({@code continuous_methods} → the registered methods, {@code
     * metrics} → the registered metrics...): for {@code --help}, error suggestions and the
     * configuration reference. By default those its schema's keys declare.
     */
    public Map<String, Collection<String>> choices() {
        return schema.choices();
    }

    /**
     * The metric names {@code thresholds.<name>.<metric>} may use for this problem type (by default
     * the same for every type).
     */
    public Collection<String> thresholdMetrics(ProblemType type) {
        return thresholdMetrics;
    }

    /**
     * Why an override {@code thresholds.<name>.<metric>} (one of {@link #thresholdMetrics}) would not
     * be applied under {@code config}, for the error that refuses it; null when it is applied. By
     * default every override applies.
     */
    public String thresholdRefusal(C config, String metric) {
        return null;
    }

    /** Reads and validates its section; errors name the key. */
    public final C parse(Section section, Context context) {
        return parser.apply(section, context);
    }

    /** Checks that need the whole configuration (e.g. incremental runs); none by default. */
    public void check(C config, MonitorConfig monitor) {}

    /** The calculators its configuration asks for, over the run's resolved columns. */
    public abstract Built build(C config, Build build);

    /** What a section is read against: the problem type and the column roles. */
    public record Context(ProblemType problemType, ColumnsConfig columns) {}

    /** What a calculator is built from. */
    public record Build(MonitorConfig monitor, ResolvedColumns columns) {
        /**
         * The columns of a calculator's {@code columns} key: those configured, or {@code defaults}
         * when it has none; each must be one of {@code accepted} ({@code what} names them in the
         * error, which names the key and suggests among the defaults).
         */
        public List<String> selected(
                String calculator,
                List<String> configured,
                List<String> defaults,
                Collection<String> accepted,
                String what) {
            List<String> selected = configured != null ? configured : defaults;
            for (String c : selected) {
                if (!accepted.contains(c)) {
                    throw Errors.unknownColumn("calculators." + calculator + ".columns", c, what, defaults);
                }
            }
            return selected;
        }

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
    public record Built(List<Calculator> scans, List<RowCalculator> rows) {
        public static Built of(Calculator c) {
            return new Built(List.of(c), List.of());
        }

        public static Built of(RowCalculator c) {
            return new Built(List.of(), List.of(c));
        }
    }
}
