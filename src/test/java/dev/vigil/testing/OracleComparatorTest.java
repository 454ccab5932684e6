package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.results.ResultRow;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The oracle comparator: each tolerance is exactly the rule a conformance test used before it was
 * factored out (written out here as it was), mismatches are all collected, the worst pair of each
 * field is reported, and missing shared data fails in CI.
 */
class OracleComparatorTest {
    static final Double[] VALUES = {
        null,
        Double.NaN,
        0.0,
        1e-13,
        -1e-13,
        1e-9,
        0.5,
        0.5000004,
        0.50001,
        1.0,
        1.0000009,
        1.000002,
        -2.0,
        -2.000001,
        3.0e6,
        3.000002e6,
        3.00001e6
    };

    /** The univariate-drift and realized-performance rule. */
    static boolean scaledAsItWas(Double expected, Double actual, double tol) {
        return expected == null
                ? actual == null
                : actual != null && Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected));
    }

    /** The reconstruction rule. */
    static boolean relativeAsItWas(Double expected, Double actual, double tol) {
        return expected == null
                ? actual == null
                : actual != null && Math.abs(expected - actual) <= tol * Math.abs(expected);
    }

    /** CBPE's rule (its check added a mismatch when rel > tolerance). */
    static boolean flooredAsItWas(Double expected, Double actual, double tol) {
        if (expected == null) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        double rel = Math.abs(expected - actual) / Math.max(1e-12, Math.abs(expected));
        return !(rel > tol);
    }

    static void sameRule(Tolerance t, BiPredicate<Double, Double> before, boolean nanStricter) {
        for (Double e : VALUES) {
            for (Double a : VALUES) {
                boolean nan = (e != null && e.isNaN()) || (a != null && a.isNaN());
                if (nanStricter && nan && e != null && a != null) {
                    // the old rule let a NaN through (NaN > tol is false); now NaN never matches a number
                    assertThat(t.accepts(e, a)).as(e + " vs " + a).isFalse();
                    continue;
                }
                assertThat(t.accepts(e, a)).as(t + ": " + e + " vs " + a).isEqualTo(before.test(e, a));
            }
        }
    }

    @Test
    void everyToleranceIsTheRuleItReplaced() {
        for (double tol : new double[] {1e-9, 1e-6, 1e-4, 1e-2, 0.25}) {
            sameRule(Tolerance.scaled(tol), (e, a) -> scaledAsItWas(e, a, tol), false);
            sameRule(Tolerance.relative(tol), (e, a) -> relativeAsItWas(e, a, tol), false);
            sameRule(Tolerance.relativeWithFloor(tol), (e, a) -> flooredAsItWas(e, a, tol), true);
            sameRule(Tolerance.close(tol), (e, a) -> OracleCsv.close(e, a, tol), false);
        }
    }

    static ResultRow row(String metric, int chunk, Double value, Double samplingError, boolean alert) {
        Timestamp t = Timestamp.valueOf("2018-01-01 00:00:00");
        return new ResultRow(
                "m",
                "c",
                metric,
                null,
                null,
                "analysis",
                chunk,
                "[" + chunk + "]",
                chunk * 10L,
                chunk * 10L + 9,
                t,
                t,
                10,
                true,
                value,
                null,
                samplingError,
                null,
                null,
                null,
                null,
                null,
                alert,
                "run",
                t);
    }

    static Map<String, String> oracleRow(String metric, int chunk, String value, String se, String alert) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("metric", metric);
        o.put("period", "analysis");
        o.put("chunk_index", String.valueOf(chunk));
        o.put("chunk_key", "[" + chunk + "]");
        o.put("start_index", String.valueOf(chunk * 10));
        o.put("end_index", String.valueOf(chunk * 10 + 9));
        o.put("start_date", "2018-01-01 00:00:00");
        o.put("end_date", "2018-01-01 00:00:00");
        o.put("value", value);
        o.put("sampling_error", se);
        o.put("alert", alert);
        return o;
    }

    static OracleComparator comparator(List<Map<String, String>> oracle) {
        return OracleComparator.of("test.csv", oracle)
                .keyColumns("metric", "period", "chunk_index")
                .number("value", "value", ResultRow::value, Tolerance.scaled(1e-6))
                .number(
                        "sampling_error",
                        "sampling_error",
                        ResultRow::samplingError,
                        o -> o.get("metric").equals("ap") ? null : Tolerance.scaled(1e-6))
                .alert()
                .chunkKeyAndPositions()
                .chunkDates();
    }

    static Map<String, ResultRow> byKey(ResultRow... rows) {
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : rows) {
            out.put(r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
        }
        return out;
    }

    @Test
    void matchingRowsPassAndTheWorstPairIsReported() {
        List<Map<String, String>> oracle = List.of(
                oracleRow("f1", 0, "0.5", "0.01", "False"),
                oracleRow("f1", 1, "0.7", "", "True"),
                oracleRow("ap", 0, "0.9", "0.02", "False"));
        Map<String, ResultRow> results = byKey(
                row("f1", 0, 0.5000004, 0.01, false),
                row("f1", 1, 0.7, null, true),
                row("ap", 0, 0.9, 0.5, false)); // ap's sampling error is skipped
        OracleComparator.Report r = comparator(oracle).rows(3).compare(results);
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.worstError("value")).isCloseTo(4e-7, Assertions.within(1e-12));
        assertThat(r.worst().get(0).where()).isEqualTo("f1 analysis 0");
    }

    @Test
    void everyMismatchIsCollected() {
        List<Map<String, String>> oracle = List.of(
                oracleRow("f1", 0, "0.5", "0.01", "False"),
                oracleRow("f1", 1, "0.7", "0.01", "True"),
                oracleRow("f1", 2, "0.7", "0.01", "True"));
        ResultRow shifted = row("f1", 1, 0.7, 0.01, true);
        ResultRow otherChunk = new ResultRow(
                "m",
                "c",
                "f1",
                null,
                null,
                "analysis",
                1,
                "[9]",
                10,
                19,
                shifted.chunkStartDate(),
                shifted.chunkEndDate(),
                10,
                true,
                0.7,
                null,
                0.01,
                null,
                null,
                null,
                null,
                null,
                true,
                "run",
                shifted.computedAt());
        Map<String, ResultRow> results = byKey(row("f1", 0, 0.51, null, true), otherChunk);
        OracleComparator.Report r = comparator(oracle).report(results);
        assertThat(r.mismatches())
                .containsExactly(
                        "f1 analysis 0 value: expected 0.5 got 0.51",
                        "f1 analysis 0 sampling_error: expected 0.01 got null",
                        "f1 analysis 0 alert: expected False got true",
                        "f1 analysis 1 chunk: expected [1] got [9]",
                        "f1 analysis 2: missing");
        assertThat(r.worst().get(0).failed()).isTrue();
        assertThatThrownBy(() -> comparator(oracle).compare(results))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("5 mismatches")
                .hasMessageContaining("worst value at f1 analysis 0");
    }

    @Test
    void rowCountsAreChecked() {
        List<Map<String, String>> oracle = new ArrayList<>();
        oracle.add(oracleRow("f1", 0, "0.5", "0.01", "False"));
        Map<String, ResultRow> results = byKey(row("f1", 0, 0.5, 0.01, false));
        assertThatThrownBy(() -> comparator(oracle).rows(2).compare(results)).hasMessageContaining("oracle rows");
        assertThatThrownBy(() -> comparator(List.of()).compare(results)).hasMessageContaining("oracle rows");
    }

    @Test
    void missingSharedDataFailsInCiAndSkipsElsewhere() {
        Path nowhere = Path.of("/nonexistent/shared/oracle/nannyml/x.csv");
        assertThatThrownBy(() -> SharedData.require(nowhere, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("missing in CI");
        assertThatThrownBy(() -> SharedData.require(nowhere, false)).isInstanceOf(TestAbortedException.class);
    }
}
