package dev.vigil.multivariate;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowSpec;
import dev.vigil.stats.Specs;
import java.util.List;
import java.util.Map;

/**
 * The reconstruction calculator's two row specs. They carry fitted objects per segment, which
 * compare by identity: the calculator keeps the instance it asked the scan for.
 */
final class MultivariateSpecs {
    private MultivariateSpecs() {}

    /** Co-moments of the centred encoded rows, per segment's encoding (second reference pass). */
    record CoMomentsOf(List<String> numericColumns, List<String> stringColumns, Map<String, PcaEncoding> encodings)
            implements RowSpec {
        public ColumnState newState(String segment) {
            return new CoMoments(encodings.get(Specs.key(segment)), numericColumns.size() + stringColumns.size());
        }

        public String column() {
            return "multivariate_drift:co-moments";
        }
    }

    /**
     * Reconstruction errors under each segment's model (third reference pass, and the analysis pass).
     */
    record ReconstructionErrorOf(List<String> numericColumns, List<String> stringColumns, Map<String, PcaModel> models)
            implements RowSpec {
        public String column() {
            return "multivariate_drift:reconstruction-error";
        }

        public ColumnState newState(String segment) {
            return new ReconstructionErrors(models.get(Specs.key(segment)));
        }
    }
}
