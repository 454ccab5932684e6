package dev.vigil.performance;

import dev.vigil.config.ProblemType;
import dev.vigil.stats.ValueCounts;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * A binary metric of the scores (ROC AUC, average precision): realized from the score counts of the
 * positives and of the negatives, its sampling error over the rows with a target and a score,
 * CBPE's estimate from the chunk's calibrated score groups; thresholds clipped to [0, 1].
 */
abstract class ScoreMetric extends PerformanceMetric {
    ScoreMetric(String name, Set<ProblemType> problemTypes, boolean onByDefault) {
        super(name, problemTypes, onByDefault, Needs.SCORES);
    }

    /** The realized value from ascending score → rows of the positives and of the negatives. */
    abstract double value(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives);

    /**
     * The bound on |value on grid-rounded scores − value on the raw ones| ({@link
     * #realizedErrorBound}); +∞ when none is known.
     */
    abstract double gridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives);

    /** {@link #gridBound} when either class's scores are on the grid, else NaN (exact). */
    final double gridBound(ValueCounts positives, ValueCounts negatives) {
        return positives.isExact() && negatives.isExact()
                ? Double.NaN
                : gridBound(positives.sorted(), negatives.sorted());
    }

    /** The sampling-error component from the whole reference's score counts. */
    abstract double[] componentOf(BinaryProblem.States reference);

    /** The sampling error on a chunk of {@code rows} scored rows. */
    abstract double errorOf(double[] k, long rows);

    /** CBPE's estimate from a chunk's score groups. */
    abstract double expected(Cbpe.Groups groups);

    @Override
    final List<Binary> binary(RealizedPerformanceConfig settings) {
        return List.of(new Binary());
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
            return chunk.exact() ? Double.NaN : Double.POSITIVE_INFINITY;
        }

        @Override
        long rows(BinaryProblem.States chunk) {
            return chunk.scoredRows();
        }

        @Override
        double[] component(BinaryProblem.States reference) {
            return componentOf(reference);
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
}
