package dev.vigil.testing;

import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Moments;

/** States filled with given values, as a scan would fill them (NaN and null arrive as missing). */
public final class Filled {
    private Filled() {}

    public static Moments moments(double... values) {
        Moments m = new Moments();
        for (double v : values) {
            add(m, Double.isNaN(v) ? null : v);
        }
        return m;
    }

    public static CategoryCounts categories(String... values) {
        CategoryCounts c = new CategoryCounts();
        for (String v : values) {
            add(c, v);
        }
        return c;
    }

    private static void add(ColumnState s, Object v) {
        if (v == null) {
            s.addNull();
        } else if (v instanceof Double d) {
            s.add(d);
        } else {
            s.add((String) v);
        }
    }
}
