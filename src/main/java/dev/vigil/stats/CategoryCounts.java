package dev.vigil.stats;

import java.util.HashMap;
import java.util.Map;

/** Exact count of each distinct value of a categorical column, plus the missing count. */
public final class CategoryCounts implements ColumnState {
    private static final long serialVersionUID = 1L;

    /** value → a one-element counter, so counting does not box a Long per row. */
    private final HashMap<String, long[]> counts = new HashMap<>();

    private long nulls;

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void add(String value) {
        long[] c = counts.get(value);
        if (c == null) {
            counts.put(value, new long[] {1});
        } else {
            c[0]++;
        }
    }

    @Override
    public CategoryCounts merge(ColumnState o) {
        CategoryCounts b = (CategoryCounts) o;
        b.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        nulls += b.nulls;
        return this;
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    public long nulls() {
        return nulls;
    }

    public long rows() {
        return nulls + counts.values().stream().mapToLong(c -> c[0]).sum();
    }
}
