package dev.vigil.scan;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowState;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Folds one partition's rows into one {@link GroupState} per (segment, chunk), reading Spark's
 * internal rows directly: numbers as primitives, strings interned once per partition (a value is
 * turned into a Java string the first time it is seen, not on every row). Layout of the projected
 * row: chunk (long), row position (long), timestamp (micros), the segment columns (string), then
 * the input columns (double or string).
 */
final class PartitionScan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 0;
    static final int ROW = 1;
    static final int TIME = 2;
    static final int FIRST_SEGMENT = 3;

    private final StateSpec[] specs;
    private final int[] field;
    private final boolean[] numeric;
    private final int[][] rowNumbers;
    private final int[][] rowStrings;
    private final String[] segmentPrefixes;
    private final int firstInput;
    private final int fields;

    /**
     * Whether spec i (single column) is the first to read its field: it counts the field's missing
     * values.
     */
    private final boolean[] counts;

    /** The same for each field a row spec reads. */
    private final boolean[][] rowCountsNumbers;

    private final boolean[][] rowCountsStrings;

    PartitionScan(
            List<StateSpec> specs,
            int[] field,
            int[][] rowNumbers,
            int[][] rowStrings,
            List<String> segments,
            int fields) {
        this.specs = specs.toArray(StateSpec[]::new);
        this.field = field;
        this.rowNumbers = rowNumbers;
        this.rowStrings = rowStrings;
        this.fields = fields;
        boolean[] owned = new boolean[fields];
        this.counts = new boolean[field.length];
        this.rowCountsNumbers = new boolean[field.length][];
        this.rowCountsStrings = new boolean[field.length][];
        for (int i = 0; i < field.length; i++) {
            if (field[i] >= 0) {
                counts[i] = !owned[field[i]];
                owned[field[i]] = true;
            } else {
                rowCountsNumbers[i] = own(rowNumbers[i], owned);
                rowCountsStrings[i] = own(rowStrings[i], owned);
            }
        }
        this.numeric = new boolean[this.specs.length];
        for (int i = 0; i < this.specs.length; i++) {
            numeric[i] = this.specs[i].input() == StateSpec.Input.NUMERIC;
        }
        this.segmentPrefixes = segments.stream().map(s -> s + "=").toArray(String[]::new);
        this.firstInput = FIRST_SEGMENT + segments.size();
    }

    private static boolean[] own(int[] fields, boolean[] owned) {
        boolean[] out = new boolean[fields.length];
        for (int j = 0; j < fields.length; j++) {
            out[j] = !owned[fields[j]];
            owned[fields[j]] = true;
        }
        return out;
    }

    int firstInput() {
        return firstInput;
    }

    Iterator<Tuple2<GroupKey, GroupState>> fold(Iterator<InternalRow> rows) {
        Map<GroupKey, GroupState> groups = new HashMap<>();
        StringInterner interned = new StringInterner();
        List<Map<UTF8String, String>> segmentNames = new ArrayList<>();
        for (int s = 0; s < segmentPrefixes.length; s++) {
            segmentNames.add(new HashMap<>());
        }
        GroupState[] current = new GroupState[1 + segmentPrefixes.length];
        double[][] numberBuffers = new double[field.length][];
        String[][] stringBuffers = new String[field.length][];
        for (int i = 0; i < field.length; i++) {
            if (field[i] < 0) {
                numberBuffers[i] = new double[rowNumbers[i].length];
                stringBuffers[i] = new String[rowStrings[i].length];
            }
        }
        // rows come mostly in chunk order: remember the last row's groups and reuse them while nothing
        // changed
        String[] lastName = new String[1 + segmentPrefixes.length];
        boolean haveLast = false;
        long lastChunk = 0;
        boolean lastChunkNull = false;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            boolean chunkNull = r.isNullAt(CHUNK);
            long chunkValue = chunkNull ? 0 : r.getLong(CHUNK);
            boolean sameChunk = haveLast && chunkNull == lastChunkNull && chunkValue == lastChunk;
            Long chunk = chunkNull ? null : chunkValue;
            // the whole population's group, then one group per segment column
            if (!sameChunk) {
                current[0] = group(groups, null, chunk);
            }
            for (int s = 0; s < segmentPrefixes.length; s++) {
                int f = FIRST_SEGMENT + s;
                String name;
                if (r.isNullAt(f)) {
                    name = segmentPrefixes[s] + "null";
                } else {
                    UTF8String v = r.getUTF8String(f);
                    String known = segmentNames.get(s).get(v);
                    if (known == null) {
                        known = segmentPrefixes[s] + v.toString();
                        segmentNames.get(s).put(v.copy(), known);
                    }
                    name = known;
                }
                if (!sameChunk || name != lastName[1 + s]) {
                    current[1 + s] = group(groups, name, chunk);
                    lastName[1 + s] = name;
                }
            }
            haveLast = true;
            lastChunk = chunkValue;
            lastChunkNull = chunkNull;
            long row = r.isNullAt(ROW) ? Long.MIN_VALUE : r.getLong(ROW);
            long time = r.isNullAt(TIME) ? Long.MIN_VALUE : r.getLong(TIME);
            for (GroupState g : current) {
                g.rows++;
                if (row != Long.MIN_VALUE) {
                    g.minRow = Math.min(g.minRow, row);
                    g.maxRow = Math.max(g.maxRow, row);
                }
                if (time != Long.MIN_VALUE) {
                    g.minTime = Math.min(g.minTime, time);
                    g.maxTime = Math.max(g.maxTime, time);
                }
            }
            for (int i = 0; i < field.length; i++) {
                int f = field[i];
                if (f < 0) {
                    foldRow(r, i, numberBuffers[i], stringBuffers[i], interned, current);
                    continue;
                }
                boolean isNull = r.isNullAt(f);
                if (numeric[i]) {
                    double v = isNull ? Double.NaN : r.getDouble(f);
                    boolean nan = !isNull && Double.isNaN(v);
                    if (v - v != 0) {
                        // NaN or ±Inf: missing (±Inf counted apart, so the run can say how many it left out)
                        if (counts[i]) {
                            if (Double.isInfinite(v)) {
                                current[0].infinite[f]++;
                            } else {
                                current[0].missing[f]++;
                            }
                        }
                        v = Double.NaN;
                    }
                    for (GroupState g : current) {
                        ColumnState state = g.states[i];
                        if (nan) {
                            state.addNaN();
                        } else if (Double.isNaN(v)) {
                            state.addNull();
                        } else {
                            state.add(v);
                        }
                    }
                } else {
                    String v = null;
                    if (!isNull) {
                        v = interned.intern(r.getUTF8String(f));
                    } else if (counts[i]) {
                        current[0].missing[f]++;
                    }
                    for (GroupState g : current) {
                        if (v == null) {
                            g.states[i].addNull();
                        } else {
                            g.states[i].add(v);
                        }
                    }
                }
            }
        }
        List<Tuple2<GroupKey, GroupState>> out = new ArrayList<>(groups.size());
        groups.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        return out.iterator();
    }

    /** Feeds one row's columns to a row state (a multi-column spec). */
    private void foldRow(
            InternalRow r,
            int spec,
            double[] numbers,
            String[] strings,
            StringInterner interned,
            GroupState[] current) {
        int[] nf = rowNumbers[spec];
        for (int j = 0; j < nf.length; j++) {
            double v = r.isNullAt(nf[j]) ? Double.NaN : r.getDouble(nf[j]);
            if (v - v != 0) {
                if (rowCountsNumbers[spec][j]) {
                    if (Double.isInfinite(v)) {
                        current[0].infinite[nf[j]]++;
                    } else {
                        current[0].missing[nf[j]]++;
                    }
                }
                v = Double.NaN;
            }
            numbers[j] = v;
        }
        int[] sf = rowStrings[spec];
        for (int j = 0; j < sf.length; j++) {
            strings[j] = r.isNullAt(sf[j]) ? null : interned.intern(r.getUTF8String(sf[j]));
            if (strings[j] == null && rowCountsStrings[spec][j]) {
                current[0].missing[sf[j]]++;
            }
        }
        for (GroupState g : current) {
            ((RowState) g.states[spec]).addRow(numbers, strings);
        }
    }

    private GroupState group(Map<GroupKey, GroupState> groups, String segment, Long chunk) {
        return groups.computeIfAbsent(new GroupKey(segment, chunk), k -> {
            ColumnState[] states = new ColumnState[specs.length];
            for (int i = 0; i < specs.length; i++) {
                states[i] = specs[i].newState(segment);
            }
            return new GroupState(states, fields);
        });
    }
}
