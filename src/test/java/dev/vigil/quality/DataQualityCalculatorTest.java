package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.testing.InMemoryScan;
import dev.vigil.thresholds.Threshold;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calculator on a few rows without Spark, against NannyML's formulas computed by hand: values,
 * sampling errors, reference thresholds and alerts of every metric.
 */
class DataQualityCalculatorTest {
    /** Reference x: 1 2 3 _ | 2 4 6 8 ; w: 1 2 3 4 | 5 6 7 9 ; c: a b _ a | a a b b. */
    static final List<List<Map<String, Object>>> REFERENCE = List.of(
            rows(new Double[] {1.0, 2.0, 3.0, null}, new String[] {"a", "b", null, "a"}, 1, 2, 3, 4),
            rows(new Double[] {2.0, 4.0, 6.0, 8.0}, new String[] {"a", "a", "b", "b"}, 5, 6, 7, 9));

    /** Analysis x: 10 2 _ _ | 20 20 20 20 ; c: a z z _ | a a a a. */
    static final List<List<Map<String, Object>>> ANALYSIS = List.of(
            rows(new Double[] {10.0, 2.0, null, null}, new String[] {"a", "z", "z", null}, 1, 1, 1, 1),
            rows(new Double[] {20.0, 20.0, 20.0, 20.0}, new String[] {"a", "a", "a", "a"}, 2, 4, 6, 8));

    static List<Map<String, Object>> rows(Double[] x, String[] c, double... w) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("x", x[i]);
            row.put("c", c[i]);
            row.put("w", w[i]);
            row.put("g", "a");
            out.add(row);
        }
        return out;
    }

    static FittedCalculator fitted(List<String> metrics, Map<String, Threshold> overrides) {
        return InMemoryScan.fit(
                new DataQualityCalculator(metrics, List.of("x", "w"), List.of("c"), overrides), REFERENCE, null);
    }

    /** By "metric|column|period|chunk". */
    static Map<String, Measurement> results(FittedCalculator f) {
        ChunkTable analysis = InMemoryScan.analysis(f, ANALYSIS, null);
        Map<String, Measurement> out = new HashMap<>();
        f.reference().forEach(m -> out.put(key(m, "reference"), m));
        f.calculate(analysis).forEach(m -> out.put(key(m, "analysis"), m));
        return out;
    }

    static String key(Measurement m, String period) {
        return m.metric() + "|" + m.column() + "|" + period + "|" + m.chunkIndex();
    }

    static double sampleStd(double... v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    /**
     * A chunk where x and c have no values at all, then one where x has one value: every null value
     * of data quality and the profile says why in its note.
     */
    @Test
    void aNullValueOnAChunkWithoutValuesSaysWhy() {
        List<List<Map<String, Object>>> analysis = List.of(
                rows(new Double[] {null, null, null, null}, new String[] {null, null, null, null}, 1, 2, 3, 4),
                rows(new Double[] {5.0, null, null, null}, new String[] {"a", null, null, null}, 1, 2, 3, 4));
        FittedCalculator quality = fitted(QualityMetrics.NAMES, Map.of());
        FittedCalculator profile = InMemoryScan.fit(
                DataQualityCalculator.profile(
                        ProfileMetrics.NAMES.stream()
                                .filter(n -> !n.startsWith("quantile_"))
                                .toList(),
                        ProfileMetrics.DEFAULT_QUANTILES,
                        List.of("x", "w"),
                        List.of("c"),
                        Map.of()),
                REFERENCE,
                null);
        Map<String, Measurement> r = new HashMap<>();
        for (FittedCalculator f : List.of(quality, profile)) {
            for (Measurement m : f.calculate(InMemoryScan.analysis(f, analysis, null))) {
                r.put(m.calculator() + "|" + key(m, "analysis"), m);
            }
        }
        String none = "no values in this chunk: its 4 rows are all missing";
        for (String k : List.of(
                "data_quality|mean|x|analysis|0",
                "data_quality|std|x|analysis|0",
                "data_quality|median|x|analysis|0",
                "profile|min|x|analysis|0",
                "profile|max|x|analysis|0",
                "profile|avg|x|analysis|0",
                "profile|stddev|x|analysis|0",
                "profile|median|x|analysis|0",
                "profile|quantile_0.05|x|analysis|0",
                "profile|percent_distinct|x|analysis|0",
                "profile|percent_distinct|c|analysis|0",
                "profile|min_length|c|analysis|0",
                "profile|avg_length|c|analysis|0",
                "profile|max_length|c|analysis|0")) {
            assertThat(r.get(k)).as(k).isNotNull();
            assertThat(r.get(k).value()).as(k).isNull();
            assertThat(r.get(k).note()).as(k).isEqualTo(none);
        }
        // one value: the mean is defined, the sample standard deviations are not
        assertThat(r.get("data_quality|mean|x|analysis|1").value()).isEqualTo(5.0);
        assertThat(r.get("data_quality|mean|x|analysis|1").note()).isNull();
        assertThat(r.get("data_quality|std|x|analysis|1").value()).isNull();
        assertThat(r.get("data_quality|std|x|analysis|1").note())
                .isEqualTo("1 value in this chunk: std needs at least 2");
        assertThat(r.get("profile|stddev|x|analysis|1").note())
                .isEqualTo("1 value in this chunk: stddev needs at least 2");
        assertThat(r.get("profile|avg|x|analysis|1").value()).isEqualTo(5.0);
        // the counts are 0, not null, and need no note
        assertThat(r.get("profile|count|x|analysis|0").value()).isZero();
        assertThat(r.get("profile|count|x|analysis|0").note()).isNull();
        // never a silent null
        List<String> silent = r.entrySet().stream()
                .filter(e -> e.getValue().value() == null && e.getValue().note() == null)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertThat(silent).isEmpty();
        System.out.println("null values with notes: "
                + r.values().stream().filter(m -> m.value() == null).count() + " of " + r.size());
    }

    @Test
    void checksOnEveryKindOfColumn() {
        Map<String, Measurement> r = results(fitted(QualityMetrics.NAMES, Map.of()));
        assertThat(r.get("row_count|null|analysis|0").value()).isEqualTo(4.0);
        assertThat(r.get("missing_values|x|reference|0").value()).isEqualTo(0.25);
        assertThat(r.get("missing_values|x|analysis|0").value()).isEqualTo(0.5);
        assertThat(r.get("missing_values|x|analysis|0").samplingError()).isEqualTo(Math.sqrt(0.125 * 0.875) / 2);
        assertThat(r.get("missing_values|c|analysis|0").value()).isEqualTo(0.25);
        // nothing of the reference is outside its own range or unseen; 10 is outside [1, 8]
        assertThat(r.get("numerical_range|x|reference|1").value()).isZero();
        assertThat(r.get("numerical_range|x|analysis|0").value()).isEqualTo(0.25);
        assertThat(r.get("numerical_range|x|analysis|1").alert()).isTrue();
        assertThat(r.get("numerical_range|x|analysis|0").samplingError()).isNull();
        // z twice; a missing value was seen in the reference
        assertThat(r.get("unseen_values|c|reference|0").value()).isZero();
        assertThat(r.get("unseen_values|c|analysis|0").value()).isEqualTo(0.5);
        assertThat(r.get("unseen_values|c|analysis|0").alert()).isTrue();
        assertThat(r.get("unseen_values|c|analysis|1").alert()).isFalse();
        assertThat(r).doesNotContainKeys("unseen_values|x|analysis|0", "numerical_range|c|analysis|0");
    }

    @Test
    void summaryStatisticsWithSamplingErrorsAndThresholds() {
        Map<String, Measurement> r = results(fitted(QualityMetrics.NAMES, Map.of()));
        double s = sampleStd(1, 2, 3, 2, 4, 6, 8);
        assertThat(r.get("mean|x|reference|0").value()).isEqualTo(2.0);
        assertThat(r.get("mean|x|analysis|0").value()).isEqualTo(6.0);
        assertThat(r.get("mean|x|analysis|0").samplingError()).isCloseTo(s / 2, within(1e-12));
        assertThat(r.get("sum|x|analysis|1").value()).isEqualTo(80.0);
        assertThat(r.get("sum|x|analysis|1").samplingError()).isCloseTo(s * 2, within(1e-12));
        assertThat(r.get("median|x|analysis|0").value()).isEqualTo(6.0);
        // reference means 2 and 5: 3.5 ± 3 · 1.5; the summary statistics alert unless strictly inside
        Measurement mean = r.get("mean|x|analysis|1");
        assertThat(mean.lowerThreshold()).isEqualTo(-1.0);
        assertThat(mean.upperThreshold()).isEqualTo(8.0);
        assertThat(r.get("mean|x|analysis|0").alert()).isFalse();
        assertThat(mean.alert()).isTrue();
        // NannyML's 4th moment is NaN when the reference has a missing value: no std sampling error
        assertThat(r.get("std|x|analysis|0").samplingError()).isNull();
        assertThat(r.get("std|w|analysis|0").samplingError()).isNotNull();
        assertThat(r.get("std|x|analysis|1").value()).isZero();
    }

    @Test
    void theMediansSamplingErrorFromTheKernelDensityAtTheReferenceMedian() {
        Map<String, Measurement> r = results(fitted(List.of("median"), Map.of()));
        double[] x = {1, 2, 3, 2, 4, 6, 8};
        double h = sampleStd(x) * Math.pow(x.length, -0.2);
        double density = 0;
        for (double v : x) {
            density += Math.exp(-0.5 * Math.pow((3 - v) / h, 2)) / Math.sqrt(2 * Math.PI);
        }
        density /= x.length * h;
        assertThat(r.get("median|x|analysis|1").samplingError())
                .isCloseTo(1 / (2 * Math.sqrt(4) * density), within(1e-12));
        assertThat(r.keySet()).allMatch(k -> k.startsWith("median|"));
    }

    @Test
    void aConfiguredThresholdReplacesTheDefaultWithinTheLimits() {
        Map<String, Measurement> r = results(fitted(
                List.of("mean", "missing_values"),
                Map.of(
                        "mean", new Threshold.Constant(null, 7.0),
                        "missing_values", new Threshold.Constant(-1.0, 2.0))));
        assertThat(r.get("mean|x|analysis|0").upperThreshold()).isEqualTo(7.0);
        assertThat(r.get("mean|x|analysis|0").lowerThreshold()).isNull();
        assertThat(r.get("missing_values|x|analysis|0").lowerThreshold()).isZero();
        assertThat(r.get("missing_values|x|analysis|0").upperThreshold()).isEqualTo(1.0);
    }

    @Test
    void aSegmentTheReferenceLacksHasValuesButNoThresholdsNorSamplingErrors() {
        FittedCalculator f = InMemoryScan.fit(
                new DataQualityCalculator(QualityMetrics.NAMES, List.of("x"), List.of("c"), Map.of()), REFERENCE, "g");
        List<List<Map<String, Object>>> analysis = new ArrayList<>();
        for (List<Map<String, Object>> chunk : ANALYSIS) {
            List<Map<String, Object>> copy = new ArrayList<>();
            chunk.forEach(row -> copy.add(new HashMap<>(row)));
            copy.get(0).put("g", "new");
            analysis.add(copy);
        }
        List<Measurement> out = f.calculate(InMemoryScan.analysis(f, analysis, "g"));
        List<Measurement> mean = out.stream()
                .filter(m -> "g=new".equals(m.segment()) && m.metric().equals("mean"))
                .toList();
        assertThat(mean).hasSize(2);
        assertThat(mean.get(0).value()).isEqualTo(10.0);
        assertThat(mean.get(0).samplingError()).isNull();
        assertThat(mean.get(0).upperThreshold()).isNull();
    }

    @Test
    void theFittedCalculatorSerializesAsAProfile() throws Exception {
        FittedCalculator f = fitted(QualityMetrics.NAMES, Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        FittedCalculator back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (FittedCalculator) in.readObject();
        }
        ChunkTable analysis = InMemoryScan.analysis(f, ANALYSIS, null);
        assertThat(back.calculate(analysis)).isEqualTo(f.calculate(analysis));
    }
}
