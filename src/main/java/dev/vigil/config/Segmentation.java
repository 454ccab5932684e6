package dev.vigil.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Which groups besides the whole population every result is computed for, and how each group's
 * {@code segment} name is spelled. All of them are filled in the same scan as the whole population.
 *
 * <ul>
 *   <li>a segment entry ({@code columns.segments}) is one column or the cross of several: a row
 *       belongs to the group of its values, named {@code column=value} for one column and {@code
 *       a,b=va,vb} for a cross (the columns joined with ',', then '=', then the row's values in the
 *       same order joined with ','). A value is written as it is except that '%' becomes {@code %25}
 *       and ',' becomes {@code %2C}, so splitting at the first '=' gives the columns and splitting
 *       the rest at ',' gives the values; a missing value is written {@code null};
 *   <li>an entry with more than {@link #maxValues} distinct values (value combinations) in the
 *       reference is capped: only the {@link #maxValues} with the most reference rows keep their own
 *       group (ties broken by the values as text); every other value, in the reference and the
 *       analysis alike, falls into the entry's {@link #OTHER} group ({@code region=%other}), a
 *       spelling no encoded value can have (a real '%' is written {@code %25}). An entry with fewer
 *       keeps every value, analysis values the reference never had included;
 *   <li>a predicate slice ({@code columns.slices}) is a named Spark SQL boolean expression: the rows
 *       where it is true form the group {@code slice=name}; false or null leaves the row out.
 * </ul>
 *
 * @param entries each segment entry's columns (one column, or two or more for a cross)
 * @param slices slice name to its Spark SQL expression, in configuration order
 * @param maxValues values per entry that keep their own group
 */
public record Segmentation(List<List<String>> entries, Map<String, String> slices, int maxValues)
        implements Serializable {
    /** The value of the group holding every value outside an entry's most frequent ones. */
    public static final String OTHER = "%other";

    /** How a missing value is written. */
    public static final String NULL = "null";

    /** The column part of a predicate slice's name: {@code slice=name}. */
    public static final String SLICE = "slice";

    /** The default of {@code columns.max_segment_values}. */
    public static final int DEFAULT_MAX_VALUES = 100;

    public Segmentation {
        entries = entries.stream().map(List::copyOf).toList();
        slices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
    }

    /** No segments and no slices. */
    public static Segmentation none() {
        return new Segmentation(List.of(), Map.of(), DEFAULT_MAX_VALUES);
    }

    /** One entry per column, no slices, {@link #DEFAULT_MAX_VALUES}. */
    public static Segmentation of(List<String> columns) {
        return new Segmentation(columns.stream().map(List::of).toList(), Map.of(), DEFAULT_MAX_VALUES);
    }

    public boolean isEmpty() {
        return entries.isEmpty() && slices.isEmpty();
    }

    /** An entry's key, the part of its groups' names before '=': its columns joined with ','. */
    public static String key(List<String> entry) {
        return String.join(",", entry);
    }

    /** A value as it is written in a segment name ('%' as %25, ',' as %2C; null as {@link #NULL}). */
    public static String encode(String value) {
        if (value == null) {
            return NULL;
        }
        if (value.indexOf('%') < 0 && value.indexOf(',') < 0) {
            return value;
        }
        return value.replace("%", "%25").replace(",", "%2C");
    }

    /** The name of a predicate slice's group. */
    public static String sliceName(String slice) {
        return SLICE + "=" + slice;
    }
}
