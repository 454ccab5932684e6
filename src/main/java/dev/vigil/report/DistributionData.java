package dev.vigil.report;

import static org.apache.spark.sql.functions.col;

import dev.vigil.report.ReportData.Chunk;
import dev.vigil.report.ReportData.Distribution;
import dev.vigil.report.ReportData.Output;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** The binned distributions the report draws, read from {@code distributions}. */
final class DistributionData {
    private DistributionData() {}

    /**
     * The distributions of {@code columns} (whole population) on the monitor's chunks at {@code
     * positions}. Continuous bins keep the table's order (below, 0..k, above) and are labelled by
     * their bounds; categorical bins are the {@code maxCategories} largest categories over those
     * chunks, the rest summed as "other".
     */
    static List<Distribution> read(
            Output out,
            String monitor,
            List<Chunk> chunks,
            List<String> columns,
            List<Integer> positions,
            int maxCategories) {
        List<Distribution> result = new ArrayList<>();
        if (out.distributions() == null || columns.isEmpty()) {
            return result;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int j = 0; j < positions.size(); j++) {
            Chunk c = chunks.get(positions.get(j));
            position.put(c.period() + "\u0000" + c.key(), j);
        }
        List<Row> rows = out.distributions()
                .where(col("monitor")
                        .equalTo(monitor)
                        .and(col("segment").isNull())
                        .and(col("column_name").isin(columns.toArray())))
                .select("column_name", "period", "chunk_key", "kind", "bin", "bin_lower", "bin_upper", "proportion")
                .collectAsList();
        Map<String, List<Row>> byColumn = new TreeMap<>();
        for (Row r : rows) {
            if (position.containsKey(r.<String>getAs("period") + "\u0000" + r.getAs("chunk_key"))) {
                byColumn.computeIfAbsent(r.getAs("column_name"), k -> new ArrayList<>())
                        .add(r);
            }
        }
        for (String column : columns) {
            List<Row> rs = byColumn.get(column);
            if (rs == null || rs.isEmpty()) {
                continue;
            }
            String kind = rs.get(0).getAs("kind");
            // bins: label -> order key and total proportion
            Map<String, double[]> binInfo = new HashMap<>();
            for (Row r : rs) {
                String bin = r.getAs("bin");
                double order = kind.equals("continuous") ? continuousOrder(bin, r) : 0;
                binInfo.computeIfAbsent(bin, k -> new double[] {order, 0})[1] += r.<Double>getAs("proportion");
            }
            List<String> bins = new ArrayList<>(binInfo.keySet());
            if (kind.equals("continuous")) {
                bins.sort(Comparator.comparingDouble((String b) -> binInfo.get(b)[0]));
            } else {
                bins.sort(Comparator.comparingDouble((String b) -> -binInfo.get(b)[1])
                        .thenComparing(Comparator.naturalOrder()));
            }
            boolean other = !kind.equals("continuous") && bins.size() > maxCategories;
            List<String> kept = other ? new ArrayList<>(bins.subList(0, maxCategories - 1)) : bins;
            Map<String, Integer> binIndex = new HashMap<>();
            for (int b = 0; b < kept.size(); b++) {
                binIndex.put(kept.get(b), b);
            }
            List<String> labels = new ArrayList<>();
            Map<String, String> labelOf = new HashMap<>();
            for (Row r : rs) {
                labelOf.putIfAbsent(r.getAs("bin"), kind.equals("continuous") ? binLabel(r) : r.getAs("bin"));
            }
            for (String b : kept) {
                labels.add(labelOf.get(b));
            }
            if (other) {
                labels.add("other (" + (bins.size() - kept.size()) + " categories)");
            }
            double[][] p = new double[labels.size()][positions.size()];
            boolean[] seen = new boolean[positions.size()];
            for (Row r : rs) {
                int j = position.get(r.<String>getAs("period") + "\u0000" + r.getAs("chunk_key"));
                Integer b = binIndex.get(r.<String>getAs("bin"));
                p[b == null ? labels.size() - 1 : b][j] += r.<Double>getAs("proportion");
                seen[j] = true;
            }
            for (int j = 0; j < seen.length; j++) {
                if (!seen[j]) {
                    for (double[] row : p) {
                        row[j] = Double.NaN;
                    }
                }
            }
            result.add(new Distribution(column, kind, labels, positions, p));
        }
        return result;
    }

    private static double continuousOrder(String bin, Row r) {
        if (bin.equals("below")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (bin.equals("above")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Integer.parseInt(bin);
        } catch (NumberFormatException e) {
            Double lo = r.getAs("bin_lower");
            return lo == null ? 0 : lo;
        }
    }

    private static String binLabel(Row r) {
        Double lo = r.getAs("bin_lower");
        Double hi = r.getAs("bin_upper");
        return (lo == null ? "(−∞" : "[" + fmt(lo)) + ", " + (hi == null ? "∞)" : fmt(hi) + ")");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
