package dev.vigil.scan;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns Spark's UTF-8 strings into Java strings once per distinct value. Strings of up to 7 bytes —
 * most category labels — are found by their bytes packed into one long in an open-addressing table
 * (no hashing of the bytes, no allocation); longer ones go through a hash map keyed by a copy of
 * the bytes.
 */
final class StringInterner {
    private long[] keys = new long[64];
    private String[] values = new String[64];
    private int size;
    private final Map<UTF8String, String> longer = new HashMap<>();

    String intern(UTF8String u) {
        int n = u.numBytes();
        if (n > 7) {
            String v = longer.get(u);
            if (v == null) {
                v = u.toString();
                longer.put(u.copy(), v);
            }
            return v;
        }
        // the prefix holds the bytes big-endian in its high bytes; the low byte is free for the length
        long key = (u.getPrefix() & ~0xFFL) | (n + 1);
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        String v = u.toString();
        keys[i] = key;
        values[i] = v;
        if (++size * 2 > keys.length) {
            grow();
        }
        return v;
    }

    private void grow() {
        long[] oldKeys = keys;
        String[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new String[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = (int) (mix(oldKeys[j]) & mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
