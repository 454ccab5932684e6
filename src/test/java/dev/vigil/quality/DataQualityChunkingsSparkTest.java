package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The car-loan data under chunkings the oracle files do not cover — monthly periods and NannyML's
 * default (10 chunks by count) — against a plain-Java recomputation of NannyML's rules straight
 * from the CSV rows: chunk keys, positions, dates and row counts; mean, std and median values; mean
 * ± 3σ thresholds of the reference chunks and the summary-stats alert rule.
 */
class DataQualityChunkingsSparkTest extends SparkTestBase {
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    record Car(LocalDateTime ts, double carValue) {}

    static List<Car> read(Path csv) throws IOException {
        List<Car> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int ts = header.indexOf("timestamp");
        int cv = header.indexOf("car_value");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Car(LocalDateTime.parse(f[ts], TS), Double.parseDouble(f[cv])));
        }
        return rows;
    }

    /** Chunks of one dataset, each a list of rows, in order; keys alongside. */
    record Chunks(List<String> keys, List<List<Car>> rows) {}

    static Chunks monthly(List<Car> data) {
        Map<String, List<Car>> by = new LinkedHashMap<>();
        for (Car c : data) {
            by.computeIfAbsent(c.ts.format(DateTimeFormatter.ofPattern("yyyy-MM")), k -> new ArrayList<>())
                    .add(c);
        }
        return new Chunks(new ArrayList<>(by.keySet()), new ArrayList<>(by.values()));
    }

    static Chunks byCount(List<Car> data, int number) {
        int size = data.size() / number;
        List<String> keys = new ArrayList<>();
        List<List<Car>> rows = new ArrayList<>();
        for (int start = 0; start < data.size(); start += size) {
            int end = Math.min(start + size, data.size());
            keys.add("[" + start + ":" + (end - 1) + "]");
            rows.add(data.subList(start, end));
        }
        return new Chunks(keys, rows);
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static Map<String, ResultRow> run(String chunking) throws IOException {
        String yaml = """
        monitor: car_loan
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns: {timestamp: timestamp, id: id, features: [car_value], prediction: y_pred, scores: y_pred_proba, target: repaid}
        %s
        calculators: {data_quality: {metrics: [mean, std, median, row_count]}}
        flat_bands: nannyml
        """.formatted(
                        SharedData.dataset("synthetic_car_loan_reference.csv"),
                        SharedData.dataset("synthetic_car_loan_analysis.csv"),
                        chunking);
        MonitorConfig cfg = new ConfigLoader(k -> null).parse(yaml, "test", List.of());
        Map<String, ResultRow> out = new LinkedHashMap<>();
        for (ResultRow r :
                new MonitorRun(session(), Clock.systemUTC()).compute(cfg, "t").rows()) {
            out.put(r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
        }
        return out;
    }

    static void compare(Map<String, ResultRow> results, Function<List<Car>, Chunks> chunker, boolean periods)
            throws IOException {
        Chunks ref = chunker.apply(read(SharedData.dataset("synthetic_car_loan_reference.csv")));
        Chunks ana = chunker.apply(read(SharedData.dataset("synthetic_car_loan_analysis.csv")));
        Map<String, Function<double[], Double>> stats = Map.of(
                "mean",
                DataQualityChunkingsSparkTest::mean,
                "std",
                DataQualityChunkingsSparkTest::std,
                "median",
                DataQualityChunkingsSparkTest::median);
        for (var stat : stats.entrySet()) {
            double[] refValues = ref.rows().stream()
                    .mapToDouble(rows -> stat.getValue()
                            .apply(rows.stream().mapToDouble(Car::carValue).toArray()))
                    .toArray();
            double m = mean(refValues);
            double sd = Math.sqrt(
                    Arrays.stream(refValues).map(v -> (v - m) * (v - m)).sum() / refValues.length);
            double lower = m - 3 * sd;
            double upper = m + 3 * sd;
            for (String period : List.of("reference", "analysis")) {
                Chunks chunks = period.equals("reference") ? ref : ana;
                int position = 0;
                for (int i = 0; i < chunks.keys().size(); i++) {
                    List<Car> rows = chunks.rows().get(i);
                    double expected = stat.getValue()
                            .apply(rows.stream().mapToDouble(Car::carValue).toArray());
                    ResultRow r = results.get(stat.getKey() + "|" + period + "|" + i);
                    assertThat(r).as(stat.getKey() + " " + period + " " + i).isNotNull();
                    assertThat(r.chunkKey()).isEqualTo(chunks.keys().get(i));
                    assertThat(r.chunkRows()).isEqualTo(rows.size());
                    assertThat(r.chunkStartIndex()).isEqualTo(position);
                    assertThat(r.chunkEndIndex()).isEqualTo(position + rows.size() - 1);
                    if (!periods) {
                        assertThat(r.chunkStartDate().toLocalDateTime())
                                .isEqualTo(rows.get(0).ts());
                        assertThat(r.chunkEndDate().toLocalDateTime())
                                .isEqualTo(rows.get(rows.size() - 1).ts());
                    } else {
                        assertThat(r.chunkStartDate().toLocalDateTime())
                                .isEqualTo(rows.get(0)
                                        .ts()
                                        .withDayOfMonth(1)
                                        .toLocalDate()
                                        .atStartOfDay());
                    }
                    position += rows.size();
                    assertThat(OracleCsv.close(expected, r.value(), 1e-9))
                            .as(stat.getKey() + " value " + period + " " + i)
                            .isTrue();
                    assertThat(OracleCsv.close(lower, r.lowerThreshold(), 1e-9))
                            .as(stat.getKey() + " lower")
                            .isTrue();
                    assertThat(OracleCsv.close(upper, r.upperThreshold(), 1e-9))
                            .as(stat.getKey() + " upper")
                            .isTrue();
                    assertThat(r.alert()).isEqualTo(!(lower < expected && expected < upper));
                }
            }
        }
    }

    @Test
    void monthlyPeriods() throws IOException {
        Map<String, ResultRow> results = run("chunking: {period: month}");
        compare(results, DataQualityChunkingsSparkTest::monthly, true);
        assertThat(results.get("row_count|reference|0").chunkKey()).isEqualTo("2018-01");
    }

    @Test
    void defaultChunkingIsTenChunksByCount() throws IOException {
        Map<String, ResultRow> results = run("");
        compare(results, rows -> byCount(rows, 10), false);
        assertThat(results.keySet().stream()
                        .filter(k -> k.startsWith("row_count|analysis"))
                        .count())
                .isEqualTo(10);
    }
}
