package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.Moments;
import dev.vigil.stats.OutOfRangeCount;
import dev.vigil.stats.SegmentParams;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;

/**
 * {@code numerical_range}: the chunk's rate of values of a continuous column outside its segment's
 * reference range {@code [min, max]}, {@code outside / n} (NannyML's NumericalRangeCalculator).
 */
final class NumericalRange extends ReferenceRate<OutOfRangeCount> {
    NumericalRange() {
        super("numerical_range", Kind.CONTINUOUS, Specs.MomentsOf::new, OutOfRangeCount::outside);
    }

    /** Each segment's reference {@code [min, max]}. */
    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return new Specs.OutOfRangeOf(column.name(), new SegmentParams(bySegment(reference, seg -> {
            Moments m = reference.whole(seg, new Specs.MomentsOf(column.name()));
            return new double[] {m.min(), m.max()};
        })));
    }
}
