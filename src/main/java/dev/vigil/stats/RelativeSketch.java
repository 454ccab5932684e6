package dev.vigil.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A relative-accuracy quantile sketch: Datadog's DDSketch ({@code com.datadoghq:sketches-java}) with
 * the logarithmic mapping of relative accuracy {@link #ALPHA} and dense stores for both signs. Every
 * value it returns for a rank is within a factor {@code (1 ± α)} of the order statistic of that
 * rank. Its bucket counts are whole numbers that add (doubles, exact far beyond any chunk's size),
 * so merging is exact and order-independent: the same values give the same answer however Spark
 * splits and merges them, which is why it stands where DataSketches' KLL and REQ sketches cannot
 * (their compactions draw from an unseeded random generator: a rerun merged in another order gives
 * other quantiles). Size: one 8-byte counter per bucket between the smallest and largest magnitude
 * seen, about {@code ln(max/min) / (2α)} buckets per sign (about 7,000 for values spanning 6 orders of
 * magnitude); StateSizesTest measures it.
 */
final class RelativeSketch implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Relative accuracy of every quantile. */
    static final double ALPHA = 1e-3;

    private static final IndexMapping MAPPING = new LogarithmicMapping(ALPHA);

    /** |x| below this counts as zero (the mapping's smallest indexable magnitude). */
    static final double MIN_MAGNITUDE = MAPPING.minIndexableValue();

    /**
     * |x| above this is counted at this magnitude (the mapping's largest indexable one, within a
     * factor 1 + α of Double.MAX_VALUE): the only values the bound does not cover.
     */
    static final double MAX_MAGNITUDE = MAPPING.maxIndexableValue();

    private transient DDSketch sketch = newSketch();
    private transient long n;

    private static DDSketch newSketch() {
        return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    }

    void add(double x) {
        n++;
        sketch.accept(Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, x)));
    }

    void merge(RelativeSketch o) {
        sketch.mergeWith(o.sketch);
        n += o.n;
    }

    long n() {
        return n;
    }

    /**
     * The value of the order statistic of 0-based rank {@code rank} (0 ≤ rank < n), within relative
     * error α. DDSketch answers quantiles q at rank q(n − 1), taking the first bucket whose running
     * count exceeds it; asking at rank + ½ keeps floating-point rounding from landing on the rank
     * before.
     */
    double valueAtRank(long rank) {
        if (rank < 0 || rank >= n) {
            throw new IllegalArgumentException("rank " + rank + " of " + n);
        }
        return sketch.getValueAtQuantile(rank == n - 1 ? 1.0 : (rank + 0.5) / (n - 1));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeLong(n);
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(encoded, false); // the mapping and both stores, in DDSketch's own encoding
        byte[] bytes = encoded.trimmedCopy();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        n = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        sketch = DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new, MAPPING);
    }
}
