package dev.vigil.scan;

import dev.vigil.config.Segmentation;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowState;
import dev.vigil.stats.StateLimits;
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
 * row: chunk (long), row position (long), timestamp (micros), each segment entry's columns
 * (string), each predicate slice (boolean), then the input columns (double or string). A row is in
 * the whole population's group, in one group per segment entry (named by {@link Segmentation}, its
 * value mapped by {@link SegmentValues}) and in the group of each slice whose predicate is true.
 */
final class PartitionScan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 0;
    static final int ROW = 1;
    static final int TIME = 2;
    static final int FIRST_SEGMENT = 3;

    private final StateSpec[] specs;
    private final StateLimits limits;
    private final int[] field;
    private final boolean[] numeric;
    private final int[][] rowNumbers;
    private final int[][] rowStrings;
    private final String[] entryKeys;
    private final String[] segmentPrefixes;
    private final int[] entryField;
    private final int[] entryWidth;
    private final SegmentValues values;
    private final String[] sliceNames;
    private final int firstSlice;
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
            Segmentation segmentation,
            SegmentValues values,
            StateLimits limits,
            int fields) {
        this.specs = specs.toArray(StateSpec[]::new);
        this.limits = limits;
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
        List<List<String>> entries = segmentation.entries();
        this.entryKeys = entries.stream().map(Segmentation::key).toArray(String[]::new);
        this.segmentPrefixes =
                entries.stream().map(e -> Segmentation.key(e) + "=").toArray(String[]::new);
        this.entryField = new int[entries.size()];
        this.entryWidth = new int[entries.size()];
        int f = FIRST_SEGMENT;
        for (int e = 0; e < entries.size(); e++) {
            entryField[e] = f;
            entryWidth[e] = entries.get(e).size();
            f += entryWidth[e];
        }
        this.values = values;
        this.firstSlice = f;
        this.sliceNames = segmentation.slices().keySet().stream()
                .map(Segmentation::sliceName)
                .toArray(String[]::new);
        this.firstInput = f + sliceNames.length;
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
        int entries = segmentPrefixes.length;
        // per entry column: a value's encoded spelling; per entry: the encoded values' group name
        List<Map<UTF8String, String>> encoded = new ArrayList<>();
        List<Map<String, String>> segmentNames = new ArrayList<>();
        for (int e = 0; e < entries; e++) {
            segmentNames.add(new HashMap<>());
        }
        for (int c = FIRST_SEGMENT; c < firstSlice; c++) {
            encoded.add(new HashMap<>());
        }
        // the groups of the current row: current[0..n)
        GroupState[] current = new GroupState[1 + entries + sliceNames.length];
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
        String[] lastName = new String[1 + entries];
        GroupState[] entryGroup = new GroupState[1 + entries];
        GroupState[] sliceGroup = new GroupState[sliceNames.length];
        boolean haveLast = false;
        long lastChunk = 0;
        boolean lastChunkNull = false;
        StringBuilder joined = new StringBuilder();
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            boolean chunkNull = r.isNullAt(CHUNK);
            long chunkValue = chunkNull ? 0 : r.getLong(CHUNK);
            boolean sameChunk = haveLast && chunkNull == lastChunkNull && chunkValue == lastChunk;
            Long chunk = chunkNull ? null : chunkValue;
            // the whole population's group, one group per segment entry, one per slice the row is in
            if (!sameChunk) {
                entryGroup[0] = group(groups, null, chunk);
                java.util.Arrays.fill(sliceGroup, null);
            }
            for (int e = 0; e < entries; e++) {
                String value;
                if (entryWidth[e] == 1) {
                    value = encoded(r, entryField[e], encoded);
                } else {
                    joined.setLength(0);
                    for (int j = 0; j < entryWidth[e]; j++) {
                        joined.append(j == 0 ? "" : ",").append(encoded(r, entryField[e] + j, encoded));
                    }
                    value = joined.toString();
                }
                String name = segmentNames.get(e).get(value);
                if (name == null) {
                    name = segmentPrefixes[e] + values.group(entryKeys[e], value);
                    segmentNames.get(e).put(value, name);
                }
                if (!sameChunk || name != lastName[1 + e]) {
                    entryGroup[1 + e] = group(groups, name, chunk);
                    lastName[1 + e] = name;
                }
            }
            int n = 1 + entries;
            System.arraycopy(entryGroup, 0, current, 0, n);
            for (int s = 0; s < sliceNames.length; s++) {
                int f = firstSlice + s;
                if (!r.isNullAt(f) && r.getBoolean(f)) {
                    if (sliceGroup[s] == null) {
                        sliceGroup[s] = group(groups, sliceNames[s], chunk);
                    }
                    current[n++] = sliceGroup[s];
                }
            }
            haveLast = true;
            lastChunk = chunkValue;
            lastChunkNull = chunkNull;
            long row = r.isNullAt(ROW) ? Long.MIN_VALUE : r.getLong(ROW);
            long time = r.isNullAt(TIME) ? Long.MIN_VALUE : r.getLong(TIME);
            for (int k = 0; k < n; k++) {
                GroupState g = current[k];
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
                    foldRow(r, i, numberBuffers[i], stringBuffers[i], interned, current, n);
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
                    for (int k = 0; k < n; k++) {
                        ColumnState state = current[k].states[i];
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
                    for (int k = 0; k < n; k++) {
                        if (v == null) {
                            current[k].states[i].addNull();
                        } else {
                            current[k].states[i].add(v);
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
            GroupState[] current,
            int n) {
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
        for (int k = 0; k < n; k++) {
            ((RowState) current[k].states[spec]).addRow(numbers, strings);
        }
    }

    /** The encoded spelling of a segment column's value (cached per distinct value). */
    private static String encoded(InternalRow r, int f, List<Map<UTF8String, String>> encoded) {
        if (r.isNullAt(f)) {
            return Segmentation.NULL;
        }
        UTF8String v = r.getUTF8String(f);
        Map<UTF8String, String> known = encoded.get(f - FIRST_SEGMENT);
        String out = known.get(v);
        if (out == null) {
            out = Segmentation.encode(v.toString());
            known.put(v.copy(), out);
        }
        return out;
    }

    private GroupState group(Map<GroupKey, GroupState> groups, String segment, Long chunk) {
        return groups.computeIfAbsent(new GroupKey(segment, chunk), k -> {
            ColumnState[] states = new ColumnState[specs.length];
            for (int i = 0; i < specs.length; i++) {
                states[i] = specs[i].newState(segment, limits);
            }
            return new GroupState(states, fields);
        });
    }
}
