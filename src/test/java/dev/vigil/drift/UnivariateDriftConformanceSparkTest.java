package dev.vigil.drift;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleComparator;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.testing.Tolerance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Univariate drift against NannyML 0.13.1's outputs: car loan (chunks of 5000), multiclass and
 * regression (6000); every method's value within 1e-6 (relative for values above 1) on every
 * reference and analysis chunk, thresholds likewise, alerts and chunk keys identical.
 */
class UnivariateDriftConformanceSparkTest extends SparkTestBase {
    static final double TOLERANCE = 1e-6;
    static final String METHODS = """
      calculators:
        univariate_drift:
          continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger]
          categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity]
      """;

    static Map<String, ResultRow> run(String yaml) {
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : compute(yaml + METHODS)) {
            if (r.segment() == null) {
                out.put(r.columnName() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
        return out;
    }

    static void compare(String oracleFile, Map<String, ResultRow> results) {
        Tolerance tolerance = Tolerance.scaled(TOLERANCE);
        OracleComparator.oracle(oracleFile)
                .keyColumns("column_name", "method", "period", "chunk_index")
                .number("value", "value", ResultRow::value, tolerance)
                .number("upper", "upper_threshold", ResultRow::upperThreshold, tolerance)
                .number("lower", "lower_threshold", ResultRow::lowerThreshold, tolerance)
                .alert()
                .chunkKeyAndPositions()
                .compare(results);
    }

    @Test
    void carLoan() {
        compare("carloan_univariate_drift_chunk_size_5000.csv", run(NannyDatasets.carLoan()));
    }

    @Test
    void multiclass() {
        compare("multiclass_univariate_drift_chunk_size_6000.csv", run(NannyDatasets.multiclass()));
    }

    @Test
    void regression() {
        compare("regression_univariate_drift_chunk_size_6000.csv", run(NannyDatasets.regression()));
    }
}
