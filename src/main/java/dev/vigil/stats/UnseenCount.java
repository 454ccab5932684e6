package dev.vigil.stats;

import java.util.Set;

/**
 * Rows whose value was never seen in the reference (NannyML's unseen values): a value is seen if it
 * occurs in the reference; a missing value is seen only if the reference had missing values.
 */
public final class UnseenCount implements ColumnState {
    private static final long serialVersionUID = 1L;
    private final Set<String> seen;
    private final boolean nullSeen;
    private long rows;
    private long unseen;

    public UnseenCount(Set<String> seen, boolean nullSeen) {
        this.seen = seen;
        this.nullSeen = nullSeen;
    }

    @Override
    public void addNull() {
        rows++;
        if (!nullSeen) {
            unseen++;
        }
    }

    @Override
    public void add(String value) {
        rows++;
        if (!seen.contains(value)) {
            unseen++;
        }
    }

    @Override
    public UnseenCount merge(ColumnState o) {
        UnseenCount b = (UnseenCount) o;
        rows += b.rows;
        unseen += b.unseen;
        return this;
    }

    public long rows() {
        return rows;
    }

    public long unseen() {
        return unseen;
    }
}
