package dev.vigil.scan;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import dev.vigil.config.Segmentation;
import dev.vigil.io.ColumnNames;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The values of each capped segment entry that keep their own group. An entry is capped when the
 * reference has more than {@code max_segment_values} distinct values (value combinations for a
 * cross) of it; then only the N encoded values — for a cross, the encoded values joined with ',' —
 * with the most reference rows keep their group, ties broken by the values as text in ascending
 * order, and every other value, analysis values the reference never had included, is {@link
 * Segmentation#OTHER}. An entry that is not capped (absent from the map) keeps every value. Learned
 * once from the reference by {@link #top} in one aggregation over every entry together (each row
 * gives one (entry, values) pair per entry, counted per pair, ranked per entry), and kept in the
 * reference profile, so the reference, the analysis and every incremental run map a value to the
 * same group.
 */
public record SegmentValues(Map<String, Set<String>> kept) implements Serializable {
    public SegmentValues {
        Map<String, Set<String>> copy = new HashMap<>();
        kept.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        kept = Map.copyOf(copy);
    }

    /** Every value keeps its group. */
    public static SegmentValues all() {
        return new SegmentValues(Map.of());
    }

    /** The capped entries' keys. */
    public Set<String> capped() {
        return kept.keySet();
    }

    /** The value a row's encoded {@code value} is grouped under in the entry {@code key}. */
    public String group(String key, String value) {
        Set<String> k = kept.get(key);
        return k == null || k.contains(value) ? value : Segmentation.OTHER;
    }

    /**
     * The most frequent values per entry in {@code rows}: one Spark aggregation whatever the number
     * of entries; none when there are no entries.
     */
    public static SegmentValues top(Dataset<Row> rows, Segmentation segmentation) {
        List<List<String>> entries = segmentation.entries();
        if (entries.isEmpty()) {
            return all();
        }
        List<Column> pairs = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            Column[] values = entries.get(e).stream()
                    .map(c -> ColumnNames.column(c).cast(DataTypes.StringType))
                    .toArray(Column[]::new);
            pairs.add(struct(lit(e).as("e"), array(values).as("v")));
        }
        List<Row> top = rows.select(explode(array(pairs.toArray(Column[]::new))).as("p"))
                .groupBy(col("p.e").as("e"), col("p.v").as("v"))
                .count()
                .withColumn("rank", row_number().over(Window.partitionBy("e").orderBy(desc("count"), asc("v"))))
                // one more than the cap: an entry with N + 1 values is capped
                .where(col("rank").leq(segmentation.maxValues() + 1))
                .select("e", "v", "rank")
                .collectAsList();
        Set<Integer> capped = new HashSet<>();
        for (Row r : top) {
            if (r.getInt(2) > segmentation.maxValues()) {
                capped.add(r.getInt(0));
            }
        }
        Map<String, Set<String>> kept = new HashMap<>();
        capped.forEach(e -> kept.put(Segmentation.key(entries.get(e)), new HashSet<>()));
        for (Row r : top) {
            if (!capped.contains(r.getInt(0)) || r.getInt(2) > segmentation.maxValues()) {
                continue;
            }
            List<Object> values = r.getList(1);
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                joined.append(i == 0 ? "" : ",").append(Segmentation.encode((String) values.get(i)));
            }
            kept.get(Segmentation.key(entries.get(r.getInt(0)))).add(joined.toString());
        }
        return new SegmentValues(kept);
    }
}
