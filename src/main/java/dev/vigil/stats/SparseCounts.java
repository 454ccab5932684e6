package dev.vigil.stats;

import java.util.Arrays;

/**
 * Counts per non-negative int key in an open-addressing table (linear probing, no boxing): the
 * sparse form of a {@link Histogram} while few of its bins are filled. Not serialised itself; the
 * histogram writes its counts.
 */
final class SparseCounts {
    private static final int EMPTY = -1;
    private int[] keys;
    private long[] values;
    private int size;

    SparseCounts() {
        keys = new int[32];
        Arrays.fill(keys, EMPTY);
        values = new long[32];
    }

    int size() {
        return size;
    }

    void add(int key, long by) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            int k = keys[i];
            if (k == key) {
                values[i] += by;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = by;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds every count to {@code into[key]}. */
    void addTo(long[] into) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                into[keys[i]] += values[i];
            }
        }
    }

    long total() {
        long t = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                t += values[i];
            }
        }
        return t;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                add(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
