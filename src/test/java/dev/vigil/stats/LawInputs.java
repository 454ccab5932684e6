package dev.vigil.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Inputs for the merge-law tests ({@link MergeLawContract} extends this, so its tests call these
 * unqualified): feeding values, strings and rows as the scan does, generated values, splits, and
 * the Java serialisation round trip.
 */
public abstract class LawInputs {
    /** k contiguous parts at random cut points (parts may be empty). */
    static <T> List<List<T>> cut(List<T> all, int k, SplittableRandom r) {
        int[] cuts = new int[k + 1];
        for (int i = 1; i < k; i++) {
            cuts[i] = r.nextInt(all.size() + 1);
        }
        cuts[k] = all.size();
        Arrays.sort(cuts, 1, k);
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            parts.add(all.subList(cuts[i], cuts[i + 1]));
        }
        return parts;
    }

    /** Each input to a random one of k parts, keeping their order within a part. */
    static <T> List<List<T>> deal(List<T> all, int k, SplittableRandom r) {
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            parts.add(new ArrayList<>());
        }
        for (T x : all) {
            parts.get(r.nextInt(k)).add(x);
        }
        Collections.shuffle(parts, new Random(r.nextLong()));
        return parts;
    }

    static String sizes(List<? extends List<?>> parts) {
        return parts.stream().map(p -> String.valueOf(p.size())).toList().toString();
    }

    /** Bytes of {@code value}'s Java serialisation. */
    public static int serializedBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** Java serialisation out and back, as Spark's default serializer ships states. */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(state);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- feeding

    /**
     * Feeds numbers: null and NaN through {@link ColumnState#addNull()}, as the scan passes missing
     * values.
     */
    public static void feedNumbers(ColumnState s, List<Double> values) {
        for (Double v : values) {
            if (v == null || v.isNaN()) {
                s.addNull();
            } else {
                s.add(v);
            }
        }
    }

    /** Feeds strings: null through {@link ColumnState#addNull()}. */
    public static void feedStrings(ColumnState s, List<String> values) {
        for (String v : values) {
            if (v == null) {
                s.addNull();
            } else {
                s.add(v);
            }
        }
    }

    /** One row of a row state: numbers (NaN = missing) and strings (null = missing). */
    public record RowInput(double[] numbers, String[] strings) {}

    /**
     * Feeds rows through one pair of reused arrays, as the scan does (so a state that keeps the
     * arrays breaks the law).
     */
    public static void feedRows(RowState s, List<RowInput> rows) {
        if (rows.isEmpty()) {
            return;
        }
        double[] numbers = new double[rows.get(0).numbers().length];
        String[] strings = new String[rows.get(0).strings().length];
        for (RowInput row : rows) {
            System.arraycopy(row.numbers(), 0, numbers, 0, numbers.length);
            System.arraycopy(row.strings(), 0, strings, 0, strings.length);
            s.addRow(numbers, strings);
            Arrays.fill(numbers, Double.NaN);
            Arrays.fill(strings, "overwritten by the scan");
        }
    }

    /** A value of the generated numbers: mostly Gaussian, some missing (null or NaN). */
    public static Double gaussianOrMissing(SplittableRandom r, double mean, double sd) {
        int u = r.nextInt(20);
        return u == 0 ? null : u == 1 ? Double.NaN : mean + sd * r.nextGaussian();
    }
}
