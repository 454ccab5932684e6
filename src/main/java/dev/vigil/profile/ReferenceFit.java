package dev.vigil.profile;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.io.UnparsedValues;
import dev.vigil.scan.SegmentValues;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Everything the calculators learned from the reference: the fitted calculators (bin edges and
 * reference counts, category dictionaries, PCA model, calibrators, DLE models, reference chunk
 * results and thresholds), the reference's chunk states (for its result rows and distributions),
 * its schema and the resolved columns, and its timestamps that did not parse ({@code unparsed}: null
 * in a profile stored before Vigil counted them), and the segment values that keep their own group
 * ({@code segmentValues}, learned from the reference: the analysis and incremental runs map values
 * with it, so their groups are the reference's).
 */
public record ReferenceFit(
        StructType referenceSchema,
        ResolvedColumns columns,
        List<FittedCalculator> fitted,
        ChunkTable reference,
        UnparsedValues.Count unparsed,
        SegmentValues segmentValues)
        implements Serializable {

    public long rows() {
        return reference.chunks().stream().mapToLong(ChunkInfo::rows).sum();
    }
}
