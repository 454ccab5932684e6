package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.results.ResultSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/** Reading and comparing Vigil's output tables in tests. */
public final class ResultTables {
    private ResultTables() {}

    /**
     * Runs the CLI in this JVM (shared session); returns stdout; fails with stderr on a non-zero
     * exit.
     */
    public static String vigil(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Rows keyed by the key columns (as a list), for one table. */
    public static Map<List<Object>, Row> byKey(SparkSession spark, String path, List<String> key) {
        Map<List<Object>, Row> out = new HashMap<>();
        for (Row r : spark.read().format("delta").load(path).collectAsList()) {
            List<Object> k = new ArrayList<>();
            for (String c : key) {
                k.add(r.get(r.fieldIndex(c)));
            }
            assertThat(out.put(k, r)).as("duplicate key %s in %s", k, path).isNull();
        }
        return out;
    }

    /** Number of keys that occur more than once. */
    public static long duplicateKeys(SparkSession spark, String path, List<String> key) {
        Column[] cols = key.stream().map(functions::col).toArray(Column[]::new);
        return spark.read()
                .format("delta")
                .load(path)
                .groupBy(cols)
                .count()
                .filter("count > 1")
                .count();
    }

    /**
     * Asserts two tables hold the same keys with the same values, run_id and computed_at aside;
     * doubles equal to 1e-9 relative (two sessions may sum in another order).
     */
    public static void assertSameRows(
            Map<List<Object>, Row> expected, Map<List<Object>, Row> actual, StructType schema) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<List<Object>, Row> e : expected.entrySet()) {
            Row a = actual.get(e.getKey());
            for (String c : schema.fieldNames()) {
                if (ResultSchema.RUN_COLUMNS.contains(c)) {
                    continue;
                }
                Object x = e.getValue().get(e.getValue().fieldIndex(c));
                Object y = a.get(a.fieldIndex(c));
                if (x instanceof Double dx && y instanceof Double dy) {
                    assertThat(Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy))))
                            .as("%s of %s: %s vs %s", c, e.getKey(), dx, dy)
                            .isTrue();
                } else {
                    assertThat(Objects.equals(x, y))
                            .as("%s of %s: %s vs %s", c, e.getKey(), x, y)
                            .isTrue();
                }
            }
        }
    }

    /** The same rows with {@code monitor} replaced (the expected output of a renamed monitor). */
    public static Map<List<Object>, Row> renamed(Map<List<Object>, Row> rows, List<String> key, String monitor) {
        Map<List<Object>, Row> out = new HashMap<>();
        for (Row r : rows.values()) {
            Object[] v = new Object[r.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.schema().fieldNames()[i].equals("monitor") ? monitor : r.get(i);
            }
            Row n = new GenericRowWithSchema(v, r.schema());
            List<Object> k = new ArrayList<>();
            for (String c : key) {
                k.add(n.get(n.fieldIndex(c)));
            }
            out.put(k, n);
        }
        return out;
    }
}
