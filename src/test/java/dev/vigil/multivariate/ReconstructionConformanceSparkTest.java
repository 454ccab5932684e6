package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleComparator;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.testing.Tolerance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PCA data-reconstruction drift against NannyML 0.13.1's outputs (car loan, chunks of 5000;
 * multiclass and regression, 6000): value, sampling error, confidence bounds and thresholds within
 * 1e-6 relative on every reference and analysis chunk; alerts and chunk keys identical.
 */
class ReconstructionConformanceSparkTest extends SparkTestBase {
    static final double TOLERANCE = 1e-6;

    static Map<String, ResultRow> run(String yaml) {
        Map<String, ResultRow> out = new HashMap<>();
        String config = yaml + "calculators: {multivariate_drift: null}\n";
        for (ResultRow r : compute(config)) {
            assertThat(r.calculator()).isEqualTo("multivariate_drift");
            assertThat(r.columnName()).isNull();
            if (r.segment() == null) {
                out.put(r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
        return out;
    }

    static void compare(String oracleFile, Map<String, ResultRow> results) {
        Tolerance tolerance = Tolerance.relative(TOLERANCE);
        OracleComparator.oracle(oracleFile)
                .keyColumns("metric", "period", "chunk_index")
                .number("value", "value", ResultRow::value, tolerance)
                .number("sampling_error", "sampling_error", ResultRow::samplingError, tolerance)
                .number("upper bound", "upper_confidence_boundary", ResultRow::upperConfidenceBound, tolerance)
                .number("lower bound", "lower_confidence_boundary", ResultRow::lowerConfidenceBound, tolerance)
                .number("upper", "upper_threshold", ResultRow::upperThreshold, tolerance)
                .number("lower", "lower_threshold", ResultRow::lowerThreshold, tolerance)
                .alert()
                .chunkKeyAndPositions()
                .rows(20)
                .compare(results);
    }

    @Test
    void carLoan() {
        compare("carloan_data_reconstruction_drift_chunk_size_5000.csv", run(NannyDatasets.carLoan()));
    }

    @Test
    void multiclass() {
        compare("multiclass_data_reconstruction_drift_chunk_size_6000.csv", run(NannyDatasets.multiclass()));
    }

    @Test
    void regression() {
        compare("regression_data_reconstruction_drift_chunk_size_6000.csv", run(NannyDatasets.regression()));
    }
}
