package dev.vigil.stats;

/**
 * How many values of a string column are present (not null), and the smallest of them: an example
 * to quote. Merging adds the counts and keeps the smaller example, so the merge law holds and the
 * example does not depend on the partitioning.
 */
public final class TextSample implements ColumnState {
    private static final long serialVersionUID = 1L;
    private long present;
    private String example;

    @Override
    public void addNull() {}

    @Override
    public void add(String value) {
        present++;
        example = smaller(example, value);
    }

    @Override
    public TextSample merge(ColumnState o) {
        TextSample b = (TextSample) o;
        present += b.present;
        example = smaller(example, b.example);
        return this;
    }

    /** The values present. */
    public long present() {
        return present;
    }

    /** The smallest value present, or null when none is. */
    public String example() {
        return example;
    }

    /** The smaller of two examples (null: none), so any merge order keeps the same one. */
    public static String smaller(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
