package dev.vigil.performance;

import dev.vigil.calculators.Measurement;
import dev.vigil.config.ProblemType;
import dev.vigil.stats.ValueCounts;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * A metric of the scores (ROC AUC, average precision). Binary: realized from the score counts of
 * the positives and of the negatives, its sampling error over the rows with a target and a score,
 * CBPE's estimate from the chunk's calibrated score groups. Multiclass (NannyML's one-vs-rest macro
 * average over the sorted classes): the mean of the per-class values, NaN unless every class is
 * among the chunk's targets; the per-class sampling-error components of the whole reference
 * combined by the metric's rule; CBPE's estimate the mean of the per-class estimates from each
 * class's calibrated probabilities ordered by its raw score. Thresholds clipped to [0, 1].
 */
abstract class ScoreMetric extends PerformanceMetric {
    ScoreMetric(String name, Set<ProblemType> problemTypes, boolean onByDefault) {
        super(name, problemTypes, onByDefault, Needs.SCORES);
    }

    /** A rate: higher is better. */
    @Override
    final Better better() {
        return Better.HIGHER;
    }

    /** The realized value from ascending score → rows of the positives and of the negatives. */
    abstract double value(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives);

    /**
     * The bound on |value on grid-rounded scores − value on the raw ones| ({@link
     * Measure#realizedErrorBound}); +∞ when none is known.
     */
    abstract double gridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives);

    /** {@link #gridBound} when either class's scores are on the grid, else NaN (exact). */
    final double gridBound(ValueCounts positives, ValueCounts negatives) {
        return positives.isExact() && negatives.isExact()
                ? Double.NaN
                : gridBound(positives.sorted(), negatives.sorted());
    }

    /**
     * The sampling-error component from the whole reference's score counts of the positives and of
     * the negatives (binary), or of one class and of the other rows (multiclass).
     */
    abstract double[] componentOf(ValueCounts positives, ValueCounts negatives);

    /** The binary sampling error on a chunk of {@code rows} scored rows. */
    abstract double errorOf(double[] k, long rows);

    /**
     * The multiclass sampling error on a chunk of {@code rows} rows from the classes' components
     * ({@link #componentOf}'s, two numbers each, concatenated in class order).
     */
    abstract double macroErrorOf(double[] perClass, long rows);

    /** CBPE's estimate from a chunk's score groups. */
    abstract double expected(Cbpe.Groups groups);

    @Override
    final List<Binary> binary(RealizedPerformanceConfig settings) {
        return List.of(new Binary());
    }

    @Override
    final List<Macro> multiclass(RealizedPerformanceConfig settings, List<String> classes) {
        return List.of(new Macro());
    }

    final class Binary extends Measure<BinaryProblem.States, Cbpe.Chunk> {
        Binary() {
            super(ScoreMetric.this, RATE);
        }

        @Override
        double realized(BinaryProblem.States chunk) {
            return value(chunk.positives().sorted(), chunk.negatives().sorted());
        }

        @Override
        double realizedErrorBound(BinaryProblem.States chunk) {
            return gridBound(chunk.positives(), chunk.negatives());
        }

        /** A chunk whose scores went to the grid: approximate, without a known bound. */
        @Override
        double estimateErrorBound(Cbpe.Chunk chunk) {
            return chunk.exact() ? Double.NaN : Measurement.NO_KNOWN_BOUND;
        }

        @Override
        long rows(BinaryProblem.States chunk) {
            return chunk.scoredRows();
        }

        @Override
        double[] component(BinaryProblem.States reference) {
            return componentOf(reference.positives(), reference.negatives());
        }

        @Override
        double samplingError(double[] k, long rows) {
            return errorOf(k, rows);
        }

        @Override
        double estimate(Cbpe.Chunk chunk) {
            return expected(chunk.groups());
        }
    }

    /** The one-vs-rest macro average over the classes. */
    final class Macro extends Measure<MulticlassProblem.States, MulticlassExpected> {
        Macro() {
            super(ScoreMetric.this, RATE);
        }

        @Override
        double realized(MulticlassProblem.States chunk) {
            if (chunk.rows() == 0 || !chunk.targetsAreTheClasses()) {
                return Double.NaN;
            }
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                sum += value(chunk.positives(c).sorted(), chunk.negatives(c).sorted());
            }
            return sum / chunk.classes();
        }

        @Override
        String undefinedBecause() {
            return "not every class is among the chunk's targets";
        }

        /** The mean of the classes' bounds, as the value is their mean; NaN when every class is exact. */
        @Override
        double realizedErrorBound(MulticlassProblem.States chunk) {
            boolean exact = true;
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                double b = gridBound(chunk.positives(c), chunk.negatives(c));
                exact &= Double.isNaN(b);
                sum += Double.isNaN(b) ? 0 : b;
            }
            return exact ? Double.NaN : sum / chunk.classes();
        }

        @Override
        double estimateErrorBound(MulticlassExpected chunk) {
            return chunk.isExact() ? Double.NaN : Measurement.NO_KNOWN_BOUND;
        }

        @Override
        double[] component(MulticlassProblem.States reference) {
            double[] flat = new double[2 * reference.classes()];
            for (int c = 0; c < reference.classes(); c++) {
                double[] k = componentOf(reference.positives(c), reference.negatives(c));
                flat[2 * c] = k[0];
                flat[2 * c + 1] = k[1];
            }
            return flat;
        }

        @Override
        double samplingError(double[] k, long rows) {
            return macroErrorOf(k, rows);
        }

        @Override
        double estimate(MulticlassExpected chunk) {
            if (chunk.rows() == 0) {
                return Double.NaN;
            }
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                sum += expected(chunk.scoreGroups(c));
            }
            return sum / chunk.classes();
        }
    }
}
