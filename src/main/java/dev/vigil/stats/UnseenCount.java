package dev.vigil.stats;

import java.util.Set;

/**
 * Rows whose value was never seen in the reference (NannyML's unseen values): a value is seen if it
 * occurs in the reference; a missing value is seen only if the reference had missing values.
 */
public final class UnseenCount extends RowsMatching {
    private static final long serialVersionUID = 1L;
    private final Set<String> seen;
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
        return !seen.contains(value);
    }

    /** The values the reference never had. */
    public long unseen() {
        return matching();
    }
}
