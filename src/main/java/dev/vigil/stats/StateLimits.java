package dev.vigil.stats;

import java.io.Serializable;

/**
 * How much a chunk's state keeps exactly before it switches to its sketch (configured under {@code
 * columns}, read by the scan when it makes the states): {@code quantileValues} numeric values per
 * {@link Quantiles} state (8 bytes each, then its relative-error DDSketch), {@code categoryValues} distinct values
 * per {@link CategoryCounts} state (then the frequent-items and HLL sketches).
 */
public record StateLimits(int quantileValues, int categoryValues) implements Serializable {
    /** The default of {@link #quantileValues}: the exact median and quantiles up to 20,000 values. */
    public static final int DEFAULT_QUANTILE_VALUES = 20_000;

    /** The default of {@link #categoryValues}: exact category counts up to 1,000 distinct values. */
    public static final int DEFAULT_CATEGORY_VALUES = 1_000;

    public static final StateLimits DEFAULTS = new StateLimits(DEFAULT_QUANTILE_VALUES, DEFAULT_CATEGORY_VALUES);

    public StateLimits {
        if (quantileValues < 1 || quantileValues > Quantiles.WHOLE_CAPACITY) {
            throw new IllegalArgumentException("quantileValues " + quantileValues);
        }
        if (categoryValues < 1 || categoryValues > CategoryCounts.WHOLE_CAPACITY) {
            throw new IllegalArgumentException("categoryValues " + categoryValues);
        }
    }
}
