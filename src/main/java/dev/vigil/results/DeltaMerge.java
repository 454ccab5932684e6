package dev.vigil.results;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaMergeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MERGE of rows into a {@link OutputTable.Write#MERGE} table on its key: a row whose values are
 * unchanged (doubles equal to {@link #SAME_VALUE_TOLERANCE} relative, which absorbs the last-bit
 * noise of Spark's merge order) is left untouched, run_id and computed_at included; a changed row
 * is updated in place; a new key is inserted. Retried when it loses a race ({@link DeltaRetry}).
 */
final class DeltaMerge {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaMerge.class);

    /** Relative difference under which two doubles count as the same value. */
    static final double SAME_VALUE_TOLERANCE = 1e-12;

    /**
     * Columns that only say which run wrote a row; a rerun with equal values leaves them as they are.
     */
    static final List<String> RUN_COLUMNS = List.of("run_id", "computed_at");

    private final DeltaTables tables;

    DeltaMerge(DeltaTables tables) {
        this.tables = tables;
    }

    void merge(OutputTable table, List<Row> data) {
        DeltaRetry.run(
                "MERGE into " + tables.address(table),
                () -> mergeOnce(table, data),
                () -> tables.forgetCachedLog(table));
    }

    private void mergeOnce(OutputTable table, List<Row> data) {
        StructType schema = table.schema();
        if (tables.createWithRows(table, data)) {
            LOG.info("{}: created with the rows in one commit (no MERGE needed)", tables.address(table));
            LOG.info("merged {} rows into {}", data.size(), tables.address(table));
            return;
        }
        tables.createIfMissing(table);
        tables.addMissingColumns(table);
        Map<String, String> set = new LinkedHashMap<>();
        for (String c : schema.fieldNames()) {
            set.put(c, "s." + c);
        }
        Changes changes = changedRows(table, data, schema);
        List<Row> changed = changes.rows();
        if (changed.isEmpty()) {
            LOG.info("{}: its {} rows are all there unchanged; nothing to commit", tables.address(table), data.size());
            return;
        }
        try (DriverRows source = DriverRows.of(tables.spark(), changed, schema)) {
            Column on = onlyMonitorsOf(changed, schema).and(expr(keyCondition(table.key())));
            DeltaMergeBuilder merge =
                    tables.deltaTable(table).as("t").merge(source.frame().as("s"), on);
            if (changes.anyKeyStored()) {
                merge = merge.whenMatched(changedCondition(schema, table.key())).updateExpr(set);
            }
            // only new keys (a run's new chunks): an insert-only MERGE, which Delta runs as one anti-join
            // and an append, with the same conflict checks (a concurrent run's rows of these keys are
            // matched, never duplicated)
            merge.whenNotMatched().insertExpr(set).execute();
            DeltaTables.committed();
        }
        LOG.info(
                "{}: {} of the {} rows new or changed ({})",
                tables.address(table),
                changed.size(),
                data.size(),
                changes.anyKeyStored() ? "updated and inserted" : "all new keys: inserted");
        LOG.info("merged {} rows into {}", data.size(), tables.address(table));
    }

    /**
     * The rows of {@code data} the table does not already hold as they are (new keys, or a value
     * that differs), and whether any has a stored key: one read of the source's monitors' partitions
     * (a left join on the key, each key stored at most once). The MERGE then rewrites only the
     * files those rows touch, and an identical rerun commits nothing (no new table version).
     */
    private Changes changedRows(OutputTable table, List<Row> data, StructType schema) {
        try (DriverRows source = DriverRows.of(tables.spark(), data, schema)) {
            Column sameKey = onlyMonitorsOf(data, schema).and(expr(keyCondition(table.key())));
            List<Column> out = new ArrayList<>();
            for (String c : schema.fieldNames()) {
                out.add(expr("s." + c)); // the table's own column names, as in the conditions
            }
            out.add(expr("t." + STORED + " IS NOT NULL").as(STORED));
            List<Row> rows = source.frame()
                    .as("s")
                    .join(tables.read(table).withColumn(STORED, lit(true)).as("t"), sameKey, "left")
                    .where(expr("t." + STORED + " IS NULL OR " + changedCondition(schema, table.key())))
                    .select(out.toArray(Column[]::new))
                    .collectAsList();
            List<Row> changed = new ArrayList<>(rows.size());
            boolean anyStored = false;
            int flag = schema.size();
            for (Row r : rows) {
                anyStored |= r.getBoolean(flag);
                Object[] values = new Object[flag];
                for (int i = 0; i < flag; i++) {
                    values[i] = r.get(i);
                }
                changed.add(RowFactory.create(values));
            }
            return new Changes(changed, anyStored);
        }
    }

    /** A marker column of the table's side of {@link #changedRows}'s join: the key is stored. */
    private static final String STORED = "_vigil_stored";

    /** The rows to write, and whether any of them has a key the table holds (else all are new). */
    private record Changes(List<Row> rows, boolean anyKeyStored) {}

    /**
     * {@code t.monitor IN (the source's monitors)}: limits what the MERGE reads to those monitors'
     * partitions.
     */
    static Column onlyMonitorsOf(List<Row> data, StructType schema) {
        int m = schema.fieldIndex("monitor");
        Object[] monitors = data.stream().map(r -> r.get(m)).distinct().toArray();
        return col("t.monitor").isin(monitors);
    }

    static String keyCondition(List<String> key) {
        List<String> parts = new ArrayList<>();
        for (String k : key) {
            parts.add("t." + k + " <=> s." + k);
        }
        return String.join(" AND ", parts);
    }

    /** True when any non-key, non-run column differs. */
    static String changedCondition(StructType schema, List<String> key) {
        List<String> same = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String c = f.name();
            if (key.contains(c) || RUN_COLUMNS.contains(c)) {
                continue;
            }
            if (f.dataType().equals(DataTypes.DoubleType)) {
                same.add("(t."
                        + c
                        + " <=> s."
                        + c
                        + " OR coalesce(abs(t."
                        + c
                        + " - s."
                        + c
                        + ") <= "
                        + SAME_VALUE_TOLERANCE
                        + " * greatest(abs(t."
                        + c
                        + "), abs(s."
                        + c
                        + ")), false))");
            } else {
                same.add("t." + c + " <=> s." + c);
            }
        }
        return "NOT (" + String.join(" AND ", same) + ")";
    }
}
