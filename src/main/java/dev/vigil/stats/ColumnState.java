package dev.vigil.stats;

import java.io.Serializable;

/**
 * A small, mergeable summary of one column's values in one chunk. States are accumulators: {@code
 * add*} and {@link #merge} change the receiver (the scan creates one per chunk and partition), and
 * every state obeys the merge law: merging the states of two parts equals the state of the whole
 * (checked in the law tests). Missing values (null, and NaN for numbers) arrive through {@link
 * #addNull()}.
 */
public interface ColumnState extends Serializable {
    void addNull();

    /**
     * A NaN number (not a null): missing like a null for every state but those that count NaNs
     * apart (the profile's {@link ValueKinds}).
     */
    default void addNaN() {
        addNull();
    }

    default void add(double value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads strings, not numbers");
    }

    default void add(String value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads numbers, not strings");
    }

    /** Adds {@code other}'s values to this state; returns this. */
    ColumnState merge(ColumnState other);
}
