package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.UnseenCount;
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

    /** Each segment's reference categories, and whether its reference had missing values. */
    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        StateSpec categories = new Specs.CategoriesOf(column.name());
        return new Specs.UnseenOf(
                column.name(),
                bySegment(
                        reference,
                        seg -> Set.copyOf(reference
                                .<CategoryCounts>whole(seg, categories)
                                .counts()
                                .keySet())),
                bySegment(
                        reference,
                        seg -> reference.<CategoryCounts>whole(seg, categories).nulls() > 0));
    }
}
