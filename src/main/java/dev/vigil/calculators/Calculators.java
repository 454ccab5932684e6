package dev.vigil.calculators;

import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.drift.ConsecutiveDriftType;
import dev.vigil.drift.UnivariateDriftType;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import dev.vigil.multivariate.MultivariateDriftType;
import dev.vigil.performance.EstimatedPerformanceType;
import dev.vigil.performance.FairnessType;
import dev.vigil.performance.RealizedPerformanceType;
import dev.vigil.quality.DataQualityType;
import dev.vigil.quality.ProfileType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of calculators: one line per calculator, in CONTRACT order, then Vigil's own. Configuration
 * validation, {@code --help}, error suggestions and the configuration reference read the names from
 * here; the pipeline builds whatever a configuration enables.
 */
public final class Calculators {
    private Calculators() {}

    public static final List<CalculatorType<?>> ALL = List.of(
            new UnivariateDriftType(),
            new MultivariateDriftType(),
            new RealizedPerformanceType(),
            new EstimatedPerformanceType(),
            new DataQualityType(),
            // Vigil's own, after the contract's
            new ConsecutiveDriftType(),
            new ProfileType(),
            new FairnessType());

    public static List<String> names() {
        return ALL.stream().map(CalculatorType::name).toList();
    }

    /** The registered calculator of this class. */
    public static <T extends CalculatorType<?>> T get(Class<T> type) {
        return ALL.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    public static Optional<CalculatorType<?>> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every calculator the configuration enables, built over the run's resolved columns. */
    public static CalculatorType.Built build(MonitorConfig config, ResolvedColumns columns) {
        List<Calculator> scans = new ArrayList<>();
        List<RowCalculator> rows = new ArrayList<>();
        CalculatorType.Build build = new CalculatorType.Build(config, columns);
        for (CalculatorType<?> type : ALL) {
            CalculatorType.Built b = built(type, config, build);
            if (b != null) {
                scans.addAll(b.scans());
                rows.addAll(b.rows());
            }
        }
        if (scans.isEmpty() && rows.isEmpty()) {
            throw noneEnabled();
        }
        return new CalculatorType.Built(List.copyOf(scans), List.copyOf(rows));
    }

    /**
     * Builds every enabled calculator on its own and returns each one's mistake (none: every one
     * builds), so {@code vigil validate} reports them all at once rather than the first.
     */
    public static List<UserException> mistakes(MonitorConfig config, ResolvedColumns columns) {
        List<UserException> out = new ArrayList<>();
        CalculatorType.Build build = new CalculatorType.Build(config, columns);
        boolean any = false;
        for (CalculatorType<?> type : ALL) {
            try {
                any |= built(type, config, build) != null;
            } catch (UserException e) {
                any = true;
                out.add(e);
            }
        }
        if (!any) {
            out.add(noneEnabled());
        }
        return out;
    }

    private static UserException noneEnabled() {
        return new UserException(
                "configuration key 'calculators': no calculator is enabled; expected at least one of " + names());
    }

    private static <C> CalculatorType.Built built(
            CalculatorType<C> type, MonitorConfig config, CalculatorType.Build build) {
        C c = config.calculator(type);
        return c == null ? null : type.build(c, build);
    }

    /** The closest calculator name, for messages. */
    public static Optional<String> closest(String name) {
        return Errors.closest(name, names());
    }
}
