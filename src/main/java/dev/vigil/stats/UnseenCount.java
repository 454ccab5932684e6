package dev.vigil.stats;

import java.util.Set;

/**
 * Rows whose value was never seen in the reference (NannyML's unseen values): a value is seen if it
 * occurs in the reference; a missing value is seen only if the reference had missing values.
 *
 * <p>The reference's values are not serialized with the state: every chunk's state would carry its
 * own copy through the shuffle and to the driver (an id column's 100,000 reference values, 1 MB, in
 * each of 1,000 chunks' states: a gigabyte). A state read back holds its counts; it merges, and is
 * never fed rows again.
 */
public final class UnseenCount extends RowsMatching {
    private static final long serialVersionUID = 1L;
    private final transient Set<String> seen;
    private final boolean nullSeen;

    public UnseenCount(Set<String> seen, boolean nullSeen) {
        this.seen = seen;
        this.nullSeen = nullSeen;
    }

    @Override
    protected boolean nullMatches() {
        return !nullSeen;
    }

    @Override
    protected boolean matches(String value) {
        if (seen == null) {
            throw new IllegalStateException("an unseen-values state read back counts no more values");
        }
        return !seen.contains(value);
    }

    /** The values the reference never had. */
    public long unseen() {
        return matching();
    }
}
