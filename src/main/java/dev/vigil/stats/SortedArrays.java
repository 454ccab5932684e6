package dev.vigil.stats;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a {@link TreeMap} from sorted distinct keys and their values in linear time ({@code
 * TreeMap}'s constructor takes a {@link SortedMap} without rebalancing), instead of n boxed,
 * rebalancing inserts: the score maps of large chunks have up to a million keys.
 */
final class SortedArrays {
    private SortedArrays() {}

    /**
     * @param keys distinct keys in ascending order; {@code values[i]} belongs to {@code keys[i]}
     */
    static TreeMap<Double, Long> treeMap(double[] keys, long[] values) {
        return new TreeMap<>(new View(keys, values));
    }

    /**
     * A read-only sorted view over parallel arrays, just enough for {@code new TreeMap<>(SortedMap)}.
     */
    private static final class View extends AbstractMap<Double, Long> implements SortedMap<Double, Long> {
        private final double[] keys;
        private final long[] values;

        View(double[] keys, long[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public Comparator<? super Double> comparator() {
            return null;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public Set<Map.Entry<Double, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Double, Long>> iterator() {
                    return new Iterator<>() {
                        int i;

                        @Override
                        public boolean hasNext() {
                            return i < keys.length;
                        }

                        @Override
                        public Map.Entry<Double, Long> next() {
                            Map.Entry<Double, Long> e = new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }

        @Override
        public SortedMap<Double, Long> subMap(Double from, Double to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<Double, Long> headMap(Double to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<Double, Long> tailMap(Double from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Double firstKey() {
            return keys[0];
        }

        @Override
        public Double lastKey() {
            return keys[keys.length - 1];
        }
    }
}
