package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.datasketches.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * The count of each distinct value of a categorical column, plus the missing count, in bounded
 * memory: exact while the state has seen at most its capacity of distinct values ({@link
 * #CAPACITY} by default), then Apache DataSketches' frequent-items sketch (a map of at most {@value
 * #SKETCH_MAP_SIZE} slots, 3/4 of them items) with the distinct count in an HLL sketch. On the
 * sketch path {@link #counts()} gives the kept values' lower bounds (each within {@link
 * #maximumError()} below its true count) and the rest of the rows under {@link #OTHER}, so the
 * counts still sum to the rows with a value. {@link #isExact()} says which path a result came from;
 * merging follows the sketches' merge (the error bounds add).
 */
public final class CategoryCounts implements ColumnState {
    private static final long serialVersionUID = 2L;

    /**
     * Distinct values a chunk's state counts exactly before it switches to the sketch, by default
     * ({@code columns.max_exact_categories}, {@link StateLimits#categoryValues()}).
     */
    public static final int CAPACITY = StateLimits.DEFAULT_CATEGORY_VALUES;

    /**
     * Distinct values a whole dataset's state (merged on the driver, e.g. the reference) counts
     * exactly while its chunks' states were exact.
     */
    public static final int WHOLE_CAPACITY = 100_000;

    /** The frequent-items sketch's map size (a power of 2): it keeps up to 3/4 of it as items. */
    public static final int SKETCH_MAP_SIZE = 1_024;

    /** log2 of the HLL sketch's buckets: relative standard error about 1.6% of the distinct count. */
    static final int HLL_LG_K = 12;

    /**
     * The category standing for every value the sketch did not keep; it begins with a character no
     * category read from a table begins with (a NUL).
     */
    public static final String OTHER = "\u0000other";

    private final int capacity;

    /** value → a one-element counter, so counting does not box a Long per row; null on the sketch. */
    private transient HashMap<String, long[]> counts = new HashMap<>();

    private transient ItemsSketch<String> sketch;
    private transient HllSketch distinct;
    private long nulls;

    /** A state with the default capacity. */
    public CategoryCounts() {
        this(CAPACITY);
    }

    /** A state exact up to {@code capacity} distinct values (Integer.MAX_VALUE: always exact). */
    public CategoryCounts(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void add(String value) {
        if (sketch != null) {
            sketch.update(value);
            distinct.update(value);
            return;
        }
        long[] c = counts.get(value);
        if (c == null) {
            counts.put(value, new long[] {1});
            if (counts.size() > capacity) {
                toSketch();
            }
        } else {
            c[0]++;
        }
    }

    private void toSketch() {
        sketch = new ItemsSketch<>(SKETCH_MAP_SIZE);
        distinct = new HllSketch(HLL_LG_K);
        counts.forEach((k, v) -> {
            sketch.update(k, v[0]);
            distinct.update(k);
        });
        counts = null;
    }

    @Override
    public CategoryCounts merge(ColumnState o) {
        CategoryCounts b = (CategoryCounts) o;
        nulls += b.nulls;
        if (sketch == null && b.sketch == null) {
            b.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            if (counts.size() > capacity) {
                toSketch();
            }
            return this;
        }
        if (sketch == null) {
            toSketch();
        }
        if (b.sketch != null) {
            sketch.merge(b.sketch);
            Union u = new Union(HLL_LG_K);
            u.update(distinct);
            u.update(b.distinct);
            distinct = u.getResult();
        } else {
            b.counts.forEach((k, v) -> {
                sketch.update(k, v[0]);
                distinct.update(k);
            });
        }
        return this;
    }

    /** Whether every value's count is exact (at most the capacity of distinct values seen). */
    public boolean isExact() {
        return sketch == null;
    }

    /**
     * The most a count of {@link #counts()} lies below the true count: 0 on the exact path, the
     * sketch's maximum error on the other (a value not kept, in {@link #OTHER}, has at most this
     * many rows).
     */
    public long maximumError() {
        return sketch == null ? 0 : sketch.getMaximumError();
    }

    /**
     * Each value's count: exact, or on the sketch path the kept values' lower bounds and {@link
     * #OTHER} with the rest of the rows with a value.
     */
    public Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        if (sketch == null) {
            counts.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }
        long kept = 0;
        for (ItemsSketch.Row<String> r : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            if (r.getLowerBound() > 0) {
                out.put(r.getItem(), r.getLowerBound());
                kept += r.getLowerBound();
            }
        }
        long rest = sketch.getStreamLength() - kept;
        if (rest > 0) {
            out.put(OTHER, rest);
        }
        return out;
    }

    /** The distinct values with a count: exact, or the HLL estimate on the sketch path. */
    public long distinct() {
        return sketch == null ? counts.size() : Math.round(distinct.getEstimate());
    }

    /** NaN when exact; on the sketch, the larger distance from the HLL estimate to its 3-σ bounds. */
    public double distinctErrorBound() {
        if (sketch == null) {
            return Double.NaN;
        }
        return DistinctValues.hllBound(distinct);
    }

    public long nulls() {
        return nulls;
    }

    /** Rows counted: with a value and missing. */
    public long rows() {
        if (sketch != null) {
            return nulls + sketch.getStreamLength();
        }
        return nulls + counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeBoolean(sketch == null);
        if (sketch == null) {
            out.writeInt(counts.size());
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                out.writeObject(e.getKey());
                out.writeLong(e.getValue()[0]);
            }
        } else {
            DistinctValues.writeBytes(out, sketch.toByteArray(new ArrayOfStringsSerDe()));
            DistinctValues.writeBytes(out, distinct.toCompactByteArray());
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (in.readBoolean()) {
            int n = in.readInt();
            counts = new HashMap<>(Math.max(16, n * 2));
            for (int i = 0; i < n; i++) {
                String k = (String) in.readObject();
                counts.put(k, new long[] {in.readLong()});
            }
        } else {
            sketch = ItemsSketch.getInstance(Memory.wrap(DistinctValues.readBytes(in)), new ArrayOfStringsSerDe());
            distinct = HllSketch.heapify(DistinctValues.readBytes(in));
        }
    }
}
