package dev.vigil.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * The numbers a state spec was fitted with, per segment ({@link Specs#key}: "" is the whole
 * population), e.g. each segment's reference range or histogram bins. Compared by value, so two
 * specs fitted alike are one state.
 */
public record SegmentParams(Map<String, double[]> values) implements Serializable {
    public SegmentParams {
        values = Map.copyOf(values);
    }

    /** The segment's numbers, or {@code otherwise} when the reference had none for it. */
    public double[] get(String segment, double[] otherwise) {
        return values.getOrDefault(Specs.key(segment), otherwise);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SegmentParams other) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return values.entrySet().stream()
                .mapToInt(e -> e.getKey().hashCode() ^ Arrays.hashCode(e.getValue()))
                .sum();
    }
}
