package dev.vigil.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The performance table's generator against the checks and rows printed in ../shared/PERF_TABLE.md. */
class PerfTableTest {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void randomNumbersMatchTheRecipesChecks() {
        assertEquals(0xE220A8397B1DCDAFL, PerfTable.mix(0));
        assertEquals(0.83316563, PerfTable.uniform(1, 2, 0), 5e-9);
        assertEquals(0.95038724, PerfTable.uniform(1, 2, 1), 5e-9);
        assertEquals(0.26953557, PerfTable.uniform(1, 2, 2), 5e-9);
    }

    @Test
    void referenceRowsAreTheRecipes() {
        assertEquals(
                "2020-01-01 00:00:00,0.548,0.833,3.622,3.779,4.829,5.768,2.442,2.370,1.672,1.095,2.174,-1.717,A,b4,d0,no,1,0.5146,1",
                csv(PerfTable.row(1, 1_000_000, 0)));
        assertEquals(
                "2020-01-01 00:00:30,-0.280,0.627,4.474,2.898,3.640,5.829,7.633,5.210,2.193,1.080,0.833,0.493,A,b0,d1,no,0,0.3590,0",
                csv(PerfTable.row(1, 1_000_000, 1)));
        assertEquals(
                "2020-01-01 00:01:00,-0.072,0.203,-0.276,3.063,6.853,10.372,0.052,5.323,0.584,1.430,1.160,0.259,B,b4,d1,no,0,0.3689,0",
                csv(PerfTable.row(1, 1_000_000, 2)));
        assertEquals(
                "2020-01-01 00:01:30,0.496,1.566,0.836,3.205,3.265,4.144,3.405,9.833,1.858,0.854,5.344,-0.044,C,b0,d6,yes,1,0.5617,1",
                csv(PerfTable.row(1, 1_000_000, 3)));
    }

    @Test
    void analysisRowsAreTheRecipesAndDriftFromTheMiddle() {
        long n = 1_000_000;
        assertEquals(
                "2021-01-01 00:00:00,0.014,3.620,0.441,2.722,3.739,3.155,0.218,0.984,0.724,0.681,1.928,1.543,A,b0,d4,no,1,0.8132,1",
                csv(PerfTable.row(2, n, 0)));
        assertEquals(
                "2021-01-01 00:00:30,1.751,1.666,0.916,3.700,2.918,5.372,5.529,5.291,0.832,0.707,0.408,-1.061,A,b4,d0,no,1,0.9671,1",
                csv(PerfTable.row(2, n, 1)));
        assertEquals(
                "2021-06-23 14:39:30,0.932,3.588,0.412,2.823,4.395,-5.270,0.266,3.311,1.005,1.068,1.653,0.930,C,b3,d6,no,1,0.8555,1",
                csv(PerfTable.row(2, n, 499_999)));
        assertEquals(
                "2021-06-23 14:40:00,1.040,-2.595,0.494,2.461,4.800,1.609,11.491,0.932,0.526,0.638,4.870,-0.767,B,b3,d3,yes,0,0.6425,1",
                csv(PerfTable.row(2, n, 500_000)));
        assertEquals(
                "2021-06-23 14:40:30,1.328,1.514,3.105,3.405,4.588,11.961,8.293,5.995,0.610,1.738,1.503,-0.791,C,b1,d4,no,1,0.8251,1",
                csv(PerfTable.row(2, n, 500_001)));
        assertEquals(
                "2021-12-14 05:19:30,-0.026,-0.084,3.316,2.946,4.149,-2.728,11.023,7.212,1.373,3.219,0.648,4.698,A,b0,d5,yes,1,0.4781,0",
                csv(PerfTable.row(2, n, n - 1)));
    }

    /** The recipe's CSV line: features with 3 decimals, the score with 4, integers plain. */
    private static String csv(Row row) {
        StringBuilder b = new StringBuilder(
                ((Timestamp) row.get(0)).toInstant().atOffset(ZoneOffset.UTC).format(TS));
        for (int i = 1; i <= 12; i++) {
            b.append(',').append(String.format(Locale.ROOT, "%.3f", row.getDouble(i)));
        }
        for (int i = 13; i <= 16; i++) {
            b.append(',').append(row.getString(i));
        }
        b.append(',').append(row.getInt(17));
        b.append(',').append(String.format(Locale.ROOT, "%.4f", row.getDouble(18)));
        b.append(',').append(row.getInt(19));
        return b.toString();
    }
}
