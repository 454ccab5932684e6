package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.UnseenCount;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code unseen_values}: the chunk's rate of values of a categorical column that its segment's
 * reference never had, {@code unseen / n} (a missing value is unseen unless the reference had some;
 * NannyML's UnseenValuesCalculator).
 */
final class UnseenValues extends ReferenceRate<UnseenCount> {
    UnseenValues() {
        super("unseen_values", Kind.CATEGORICAL, Specs.CategoriesOf::new, UnseenCount::unseen);
    }

    /**
     * Each segment's reference categories, and whether its reference had missing values; a segment
     * whose reference kept only a sketch of its categories has none, and is uncounted.
     */
    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        StateSpec categories = new Specs.CategoriesOf(column.name());
        Set<String> uncounted = new HashSet<>();
        for (String seg : reference.segments()) {
            if (!reference.<CategoryCounts>whole(seg, categories).isExact()) {
                uncounted.add(Specs.key(seg));
            }
        }
        return new Specs.UnseenOf(
                column.name(),
                bySegment(
                        reference,
                        seg -> uncounted.contains(Specs.key(seg))
                                ? Set.of()
                                : Set.copyOf(reference
                                        .<CategoryCounts>whole(seg, categories)
                                        .counts()
                                        .keySet())),
                bySegment(
                        reference,
                        seg -> reference.<CategoryCounts>whole(seg, categories).nulls() > 0),
                Set.copyOf(uncounted));
    }

    /**
     * A segment whose reference had more distinct values than {@link CategoryCounts#WHOLE_CAPACITY}:
     * which values it had is not kept, so unseen values are not counted (null, with this reason).
     */
    @Override
    protected String uncountedBecause(Chunk chunk) {
        Specs.UnseenOf spec = (Specs.UnseenOf) chunk.spec();
        return spec.uncounted().contains(Specs.key(chunk.segment()))
                ? "unseen_values is null: the reference has more than "
                        + CategoryCounts.WHOLE_CAPACITY
                        + " distinct values of this column (or its chunks more than "
                        + CategoryCounts.CAPACITY
                        + "), so the values it had are not kept"
                : null;
    }
}
