package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.drift.UnivariateDriftConfig.CalculationMethod;
import dev.vigil.drift.UnivariateDriftConfig.KsAlert;
import dev.vigil.testing.InMemoryScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calculator's alerts on p-values and drift share, without Spark: three categorical columns
 * (chi2) and one continuous (kolmogorov_smirnov on its p-value) form each chunk's family of tests;
 * the correction decides the alerts, and drift_share counts the alerting columns.
 */
class UnivariateDriftAlertsTest {
    static final List<String> CATEGORICAL = List.of("c1", "c2", "c3");

    /** Reference: two chunks of 40 rows, every column half a, half b; x = 0..79, g alternating. */
    static List<List<Map<String, Object>>> reference() {
        List<List<Map<String, Object>>> chunks = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Map<String, Object> row = new HashMap<>();
                CATEGORICAL.forEach(c -> row.put(c, rows.size() % 2 == 0 ? "a" : "b"));
                row.put("x", (double) (k * 40 + i));
                row.put("g", i % 4 < 2 ? "x" : "y");
                rows.add(row);
            }
            chunks.add(rows);
        }
        return chunks;
    }

    /**
     * Analysis chunk 0: c1 all a (p ≈ 0), c2 29 a / 11 b (p ≈ 0.031: below α, above α/4), c3 and x
     * as the reference; chunk 1 as the reference (x every other value of it).
     */
    static List<List<Map<String, Object>>> analysis() {
        List<List<Map<String, Object>>> chunks = reference();
        List<Map<String, Object>> first = chunks.get(0);
        for (int i = 0; i < 40; i++) {
            first.get(i).put("c1", "a");
            first.get(i).put("c2", i < 29 ? "a" : "b");
            first.get(i).put("x", (double) (2 * i));
            chunks.get(1).get(i).put("x", (double) (2 * i + 1));
        }
        return chunks;
    }

    static List<Measurement> run(PValueCorrection correction, String segment) {
        UnivariateDriftConfig config = new UnivariateDriftConfig(
                null,
                List.of("kolmogorov_smirnov"),
                List.of("chi2"),
                CalculationMethod.AUTO,
                10,
                0.05,
                correction,
                KsAlert.P_VALUE,
                0.5);
        FittedCalculator f = InMemoryScan.fit(
                new UnivariateDriftCalculator(List.of("x"), CATEGORICAL, config, Map.of()), reference(), segment);
        return f.calculate(InMemoryScan.analysis(f, analysis(), segment));
    }

    static Map<String, Measurement> whole(List<Measurement> ms) {
        Map<String, Measurement> out = new HashMap<>();
        ms.stream().filter(m -> m.segment() == null).forEach(m -> out.put(m.column() + "@" + m.chunkIndex(), m));
        return out;
    }

    @Test
    void theCorrectionDecidesAndDriftShareCounts() {
        Map<String, Measurement> none = whole(run(PValueCorrection.NONE, null));
        assertThat(none.get("c1@0").pValue()).isLessThan(1e-6);
        assertThat(none.get("c2@0").pValue()).isBetween(0.05 / 4, 0.05);
        assertThat(none.get("c1@0").alert()).isTrue();
        assertThat(none.get("c2@0").alert()).isTrue();
        assertThat(none.get("c3@0").alert()).isFalse();
        assertThat(none.get("x@0").alert()).isFalse();
        assertThat(none.get("x@0").pValue()).isGreaterThan(0.5);
        assertThat(none.get("x@0").upperThreshold()).isNull();
        // drift share: 2 of 4 columns alert in chunk 0 (>= 0.5 alerts), none in chunk 1
        assertThat(none.get("null@0").metric()).isEqualTo("drift_share");
        assertThat(none.get("null@0").value()).isEqualTo(0.5);
        assertThat(none.get("null@0").upperThreshold()).isEqualTo(0.5);
        assertThat(none.get("null@0").alert()).isTrue();
        assertThat(none.get("null@1").value()).isZero();
        assertThat(none.get("null@1").alert()).isFalse();

        // bonferroni: alpha / 4 per test keeps c1 only; the share 1/4 does not alert
        Map<String, Measurement> bonferroni = whole(run(PValueCorrection.BONFERRONI, null));
        assertThat(bonferroni.get("c1@0").alert()).isTrue();
        assertThat(bonferroni.get("c2@0").alert()).isFalse();
        assertThat(bonferroni.get("c2@0").pValue()).isEqualTo(none.get("c2@0").pValue());
        assertThat(bonferroni.get("null@0").value()).isEqualTo(0.25);
        assertThat(bonferroni.get("null@0").alert()).isFalse();

        // BH: p(2) = 0.031 >= 2 * 0.05 / 4 = 0.025, so c1 only too
        assertThat(whole(run(PValueCorrection.BENJAMINI_HOCHBERG, null))
                        .get("c2@0")
                        .alert())
                .isFalse();
    }

    /** Each segment's chunk is its own family; drift_share is per segment too. */
    @Test
    void eachSegmentAndChunkIsOneFamily() {
        for (PValueCorrection correction : PValueCorrection.values()) {
            List<Measurement> ms = run(correction, "g");
            Map<List<Object>, List<Measurement>> families = new LinkedHashMap<>();
            ms.stream()
                    .filter(m -> m.column() != null)
                    .forEach(m -> families.computeIfAbsent(
                                    Arrays.asList(m.segment(), m.chunkIndex()), k -> new ArrayList<>())
                            .add(m));
            assertThat(families.keySet()).hasSize(2 * 3);
            families.forEach((key, family) -> {
                double[] p = family.stream()
                        .mapToDouble(m -> m.pValue() == null ? Double.NaN : m.pValue())
                        .toArray();
                boolean[] expected = correction.alerts(p, 0.05);
                long alerting = 0;
                for (int i = 0; i < p.length; i++) {
                    assertThat(family.get(i).alert())
                            .as(key + " " + family.get(i).column())
                            .isEqualTo(expected[i]);
                    alerting += expected[i] ? 1 : 0;
                }
                Measurement share = ms.stream()
                        .filter(m -> m.metric().equals("drift_share")
                                && java.util.Objects.equals(m.segment(), key.get(0))
                                && m.chunkIndex() == (Integer) key.get(1))
                        .findFirst()
                        .orElseThrow();
                assertThat(share.value()).as(key + " share").isEqualTo(alerting / 4.0);
            });
        }
    }
}
