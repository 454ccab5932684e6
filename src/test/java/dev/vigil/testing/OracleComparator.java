package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares Vigil's result rows with a NannyML oracle CSV (the conformance tests): each oracle row
 * is matched to a result row by a key (chunk, metric, column...), then every configured field is
 * compared (numbers with a per-field {@link Tolerance} that may depend on the oracle row or skip
 * it, the alert flag, the chunk key, positions and dates). All mismatches are collected and
 * reported together, with the worst difference of each numeric field beside its bound.
 *
 * <p>The oracle file is found through {@link SharedData#oracle}: missing, it skips the test locally
 * and fails it when {@code CI=true}.
 */
public final class OracleComparator {
    private final String name;
    private final List<Map<String, String>> oracle;
    private Function<Map<String, String>, String> key;
    private Function<Map<String, String>, String> where;
    private final List<NumberField> numbers = new ArrayList<>();
    private boolean alert;
    private boolean chunkKey;
    private boolean chunkPositions;
    private boolean chunkDates;
    private Integer rows;

    /**
     * A numeric field: its label, oracle column, Vigil's value, and the tolerance (null: skipped).
     */
    private record NumberField(
            String label,
            String column,
            Function<ResultRow, Double> actual,
            Function<Map<String, String>, Tolerance> tolerance) {}

    /** The worst pair of a numeric field. */
    public record Worst(
            String field, String where, Double expected, Double actual, double error, double bound, boolean failed) {
        /** Failed pairs first, then by error relative to the bound. */
        double rank() {
            double r = error / bound;
            return failed || Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }

        @Override
        public String toString() {
            return String.format(
                    "%s at %s: expected %s got %s (error %.3g, bound %.3g%s)",
                    field, where, expected, actual, error, bound, failed ? ", over its bound" : "");
        }
    }

    /** The result of a comparison. */
    public record Report(String name, int compared, List<String> mismatches, List<Worst> worst) {
        /** The worst error of a field, in its tolerance's unit (0 if it had no pair). */
        public double worstError(String field) {
            return worst.stream()
                    .filter(w -> w.field().equals(field))
                    .mapToDouble(Worst::error)
                    .max()
                    .orElse(0);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name + ": " + compared + " rows, " + mismatches.size() + " mismatches");
            for (Worst w : worst) {
                b.append("\n  worst ").append(w);
            }
            return b.toString();
        }
    }

    private OracleComparator(String name, List<Map<String, String>> oracle) {
        this.name = name;
        this.oracle = oracle;
    }

    /** The oracle file {@code oracle/nannyml/<file>} of the shared folder. */
    public static OracleComparator oracle(String file) {
        return of(file, OracleCsv.read(SharedData.oracle(file)));
    }

    /** Given oracle rows (tests of the comparator itself). */
    public static OracleComparator of(String name, List<Map<String, String>> oracleRows) {
        return new OracleComparator(name, oracleRows);
    }

    /** The oracle columns whose values, joined by "|", form the key of the results map. */
    public OracleComparator keyColumns(String... columns) {
        return key(o -> join(o, "|", columns)).where(o -> join(o, " ", columns));
    }

    /** The key of an oracle row in the results map. */
    public OracleComparator key(Function<Map<String, String>, String> k) {
        this.key = k;
        if (where == null) {
            where = k;
        }
        return this;
    }

    /** How a mismatch names its oracle row. */
    public OracleComparator where(Function<Map<String, String>, String> w) {
        this.where = w;
        return this;
    }

    private static String join(Map<String, String> o, String sep, String... columns) {
        List<String> parts = new ArrayList<>();
        for (String c : columns) {
            parts.add(o.get(c));
        }
        return String.join(sep, parts);
    }

    /** A numeric field compared within {@code tolerance} on every row. */
    public OracleComparator number(
            String label, String column, Function<ResultRow, Double> actual, Tolerance tolerance) {
        return number(label, column, actual, o -> tolerance);
    }

    /** A numeric field whose tolerance depends on the oracle row; null skips the field there. */
    public OracleComparator number(
            String label,
            String column,
            Function<ResultRow, Double> actual,
            Function<Map<String, String>, Tolerance> tolerance) {
        numbers.add(new NumberField(label, column, actual, tolerance));
        return this;
    }

    /** The alert flag must be the oracle's ("True"/"False"). */
    public OracleComparator alert() {
        this.alert = true;
        return this;
    }

    /** The chunk key must be the oracle's. */
    public OracleComparator chunkKey() {
        this.chunkKey = true;
        return this;
    }

    /** The chunk key and its start and end positions must be the oracle's. */
    public OracleComparator chunkKeyAndPositions() {
        this.chunkKey = true;
        this.chunkPositions = true;
        return this;
    }

    /** The chunk's start and end dates must be the oracle's. */
    public OracleComparator chunkDates() {
        this.chunkDates = true;
        return this;
    }

    /** The oracle and the results must have exactly this many rows (otherwise: oracle not empty). */
    public OracleComparator rows(int n) {
        this.rows = n;
        return this;
    }

    /** Compares and returns the report without asserting (tests of the comparator itself). */
    public Report report(Map<String, ResultRow> results) {
        List<String> bad = new ArrayList<>();
        Worst[] worst = new Worst[numbers.size()];
        for (Map<String, String> o : oracle) {
            String at = where.apply(o);
            ResultRow r = results.get(key.apply(o));
            if (r == null) {
                bad.add(at + ": missing");
                continue;
            }
            for (int i = 0; i < numbers.size(); i++) {
                NumberField f = numbers.get(i);
                Tolerance t = f.tolerance().apply(o);
                if (t == null) {
                    continue;
                }
                Double expected = OracleCsv.number(o.get(f.column()));
                Double actual = f.actual().apply(r);
                boolean failed = !t.accepts(expected, actual);
                if (failed) {
                    bad.add(at + " " + f.label() + ": expected " + expected + " got " + actual);
                }
                Worst w = new Worst(f.label(), at, expected, actual, t.error(expected, actual), t.bound(), failed);
                boolean numbers = expected != null && actual != null;
                if ((numbers || failed) && (worst[i] == null || w.rank() > worst[i].rank())) {
                    worst[i] = w;
                }
            }
            if (alert && Boolean.parseBoolean(o.get("alert").toLowerCase()) != r.alert()) {
                bad.add(at + " alert: expected " + o.get("alert") + " got " + r.alert());
            }
            if (chunkKey
                    && (!o.get("chunk_key").equals(r.chunkKey())
                            || (chunkPositions
                                    && (Long.parseLong(o.get("start_index")) != r.chunkStartIndex()
                                            || Long.parseLong(o.get("end_index")) != r.chunkEndIndex())))) {
                bad.add(at + " chunk: expected " + o.get("chunk_key") + " got " + r.chunkKey());
            }
            if (chunkDates
                    && (!OracleCsv.time(o.get("start_date"))
                                    .equals(r.chunkStartDate().toLocalDateTime())
                            || !OracleCsv.time(o.get("end_date"))
                                    .equals(r.chunkEndDate().toLocalDateTime()))) {
                bad.add(at
                        + " dates: expected "
                        + o.get("start_date")
                        + ".."
                        + o.get("end_date")
                        + " got "
                        + r.chunkStartDate()
                        + ".."
                        + r.chunkEndDate());
            }
        }
        List<Worst> worstList = new ArrayList<>();
        for (Worst w : worst) {
            if (w != null) {
                worstList.add(w);
            }
        }
        return new Report(name, oracle.size(), bad, worstList);
    }

    /**
     * Compares, prints the report's summary (the worst difference of each field) and asserts: the
     * oracle has rows (exactly {@link #rows} if set, and so do the results), and no mismatch.
     */
    public Report compare(Map<String, ResultRow> results) {
        if (key == null) {
            throw new IllegalStateException("no key: call keyColumns or key first");
        }
        Report report = report(results);
        System.err.println(report);
        if (rows == null) {
            assertThat(oracle).as(name + ": oracle rows").isNotEmpty();
        } else {
            assertThat(oracle).as(name + ": oracle rows").hasSize(rows);
            assertThat(results).as(name + ": result rows").hasSize(rows);
        }
        assertThat(report.mismatches())
                .as(report.mismatches().size() + " mismatches in " + report)
                .isEmpty();
        return report;
    }
}
