package dev.vigil.quality;

import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A check against what the reference had (unseen values, numerical range): the chunk's rate {@code
 * count / n} of values its segment's reference did not have, 0 on the reference's own chunks; no
 * sampling error; NannyML's constant threshold: alert above 0.
 */
abstract class ReferenceRate<S extends ColumnState> extends QualityMetric {
    private final transient Function<String, StateSpec> referenceSpec;
    private final transient ToLongFunction<S> count;

    /**
     * @param referenceSpec the reference state, of a column, that the check is fitted on
     * @param count the values the check counts, from a chunk's state of its analysis spec
     */
    ReferenceRate(String name, Kind kind, Function<String, StateSpec> referenceSpec, ToLongFunction<S> count) {
        super(name, Set.of(kind), check(new Threshold.Constant(null, 0.0)));
        this.referenceSpec = referenceSpec;
        this.count = count;
    }

    @Override
    public final List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of(referenceSpec.apply(column.name()));
    }

    @Override
    public final double value(Chunk chunk) {
        if (uncountedBecause(chunk) != null) {
            return Double.NaN;
        }
        return chunk.reference() ? 0.0 : rate(count.applyAsLong(chunk.<S>state()), chunk.rows());
    }

    /** Why the check cannot count on this chunk (its value is then null); null: it can. */
    protected String uncountedBecause(Chunk chunk) {
        return null;
    }

    @Override
    public final String note(Chunk chunk) {
        return uncountedBecause(chunk);
    }
}
