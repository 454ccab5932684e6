package dev.vigil.drift;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.SegmentParams;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NannyML's univariate drift: per column and chunk, each configured {@link DriftMethod}'s statistic
 * between the chunk and the whole reference (docs/nannyml-univariate-drift.md). The calculator
 * provides the states the methods ask for: on continuous columns the histogram of each method's
 * {@link ContinuousInput} (the Doane one always, for the distributions table) and the sorted values
 * for the exact path when the reference is small; on categorical columns the category counts.
 * Reference chunks are measured against the whole reference and give each method's thresholds.
 *
 * <p>Passes: reference profile (moments, categories) → reference refinement (histograms on the
 * fitted edges, exact values for the exact path) → one analysis pass.
 */
public final class UnivariateDriftCalculator implements Calculator {
    public static final String NAME = "univariate_drift";

    /** The same methods, each chunk against the chunk before it ({@link #consecutive}). */
    public static final String CONSECUTIVE = "consecutive_drift";

    final List<String> continuous;
    final List<String> categorical;
    final List<DriftMethod> continuousMethods;
    final List<DriftMethod> categoricalMethods;
    final Map<String, Threshold> overrides;
    final UnivariateDriftConfig config;

    /**
     * Whether each chunk is measured against the chunk before it (the first analysis chunk against
     * the last reference chunk; the first reference chunk has no value) rather than the whole
     * reference: {@value #CONSECUTIVE}, Lakehouse Monitoring's CONSECUTIVE drift.
     */
    final boolean consecutive;

    public UnivariateDriftCalculator(
            List<String> continuous,
            List<String> categorical,
            UnivariateDriftConfig config,
            Map<String, Threshold> overrides) {
        this(continuous, categorical, config, overrides, false);
    }

    UnivariateDriftCalculator(
            List<String> continuous,
            List<String> categorical,
            UnivariateDriftConfig config,
            Map<String, Threshold> overrides,
            boolean consecutive) {
        this.consecutive = consecutive;
        // a column kind without methods needs no state at all
        this.continuous = config.continuousMethods().isEmpty() ? List.of() : List.copyOf(continuous);
        this.categorical = config.categoricalMethods().isEmpty() ? List.of() : List.copyOf(categorical);
        this.continuousMethods =
                config.continuousMethods().stream().map(config::method).toList();
        this.categoricalMethods =
                config.categoricalMethods().stream().map(config::method).toList();
        this.config = config;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public String name() {
        return consecutive ? CONSECUTIVE : NAME;
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        return Specs.momentsAndCategories(continuous, categorical);
    }

    /** Whether the exact-path inputs take the exact path for a reference of {@code n} values. */
    boolean exactPath(long n) {
        return switch (config.calculationMethod()) {
            case EXACT -> n <= Quantiles.WHOLE_CAPACITY;
            case ESTIMATED -> false;
            case AUTO -> n < DriftMath.EXACT_BELOW;
        };
    }

    /**
     * The inputs with (or without) an exact path that the configured continuous methods read, in
     * declaration order.
     */
    Set<ContinuousInput> inputsRead(boolean exactPath) {
        Set<ContinuousInput> out = new LinkedHashSet<>();
        for (ContinuousInput in : ContinuousInput.values()) {
            if (in.exactPath == exactPath && continuousMethods.stream().anyMatch(m -> m.input() == in)) {
                out.add(in);
            }
        }
        return out;
    }

    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference) {
        List<StateSpec> specs = new ArrayList<>();
        for (String c : continuous) {
            specs.addAll(columnSpecs(reference, c));
        }
        return specs;
    }

    /**
     * The continuous column's fitted specs: the Doane histogram (always: the distributions table),
     * the histograms of the other inputs read, those of the exact-path inputs being one ({@link
     * ContinuousInput#SHARED}) when all their bins coincide, and the exact values (as needed).
     */
    private List<StateSpec> columnSpecs(ChunkTable reference, String c) {
        Map<ContinuousInput, Map<String, double[]>> bins = new EnumMap<>(ContinuousInput.class);
        for (ContinuousInput in : ContinuousInput.values()) {
            bins.put(in, new LinkedHashMap<>());
        }
        boolean anyExact = false;
        for (String seg : reference.segments()) {
            Moments m = reference.whole(seg, new Specs.MomentsOf(c));
            if (m.n() == 0) {
                continue;
            }
            for (ContinuousInput in : ContinuousInput.values()) {
                bins.get(in).put(Specs.key(seg), in.bins(m, config.nBins()));
            }
            anyExact |= exactPath(m.n());
        }
        Set<ContinuousInput> binned = new LinkedHashSet<>(List.of(ContinuousInput.DOANE_HISTOGRAM));
        binned.addAll(inputsRead(false));
        List<StateSpec> specs = new ArrayList<>();
        binned.forEach(in -> specs.add(new Specs.HistogramOf(c, in.purpose, new SegmentParams(bins.get(in)))));
        Set<ContinuousInput> needed = inputsRead(true);
        if (!needed.isEmpty()) {
            List<ContinuousInput> all = ContinuousInput.exactInputs();
            Specs.HistogramOf first =
                    new Specs.HistogramOf(c, ContinuousInput.SHARED, new SegmentParams(bins.get(all.get(0))));
            boolean same = all.stream()
                    .allMatch(in ->
                            first.equals(new Specs.HistogramOf(c, first.purpose(), new SegmentParams(bins.get(in)))));
            if (same) {
                specs.add(first);
            } else {
                needed.forEach(in -> specs.add(new Specs.HistogramOf(c, in.purpose, new SegmentParams(bins.get(in)))));
            }
            if (anyExact) {
                specs.add(new Specs.QuantilesOf(c));
            }
        }
        return specs;
    }

    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return new FittedUnivariateDrift(this, reference);
    }
}
