package dev.vigil.report;

import static org.apache.spark.sql.functions.col;

import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the report shows, read from the Delta output tables only ({@code results}, {@code runs},
 * {@code distributions}, {@code alerts}); never the input data. Columns are read by name, so a
 * table with more columns than these (a later version's) reads the same. Only the whole population
 * ({@code segment} null) is read row by row: per monitor one row per calculator, metric, column and
 * chunk.
 */
public final class ReportData {
  private ReportData() {}

  static final List<String> RESULT_COLUMNS =
      List.of(
          "monitor",
          "calculator",
          "metric",
          "column_name",
          "segment",
          "period",
          "chunk_index",
          "chunk_key",
          "chunk_start_date",
          "chunk_end_date",
          "chunk_rows",
          "value",
          "p_value",
          "realized",
          "lower_confidence_bound",
          "upper_confidence_bound",
          "lower_threshold",
          "upper_threshold",
          "alert");

  /** Calculators in the order the report shows them; any other after them, by name. */
  static final List<String> CALCULATOR_ORDER =
      List.of(
          "estimated_performance",
          "realized_performance",
          "multivariate_drift",
          "univariate_drift",
          "data_quality");

  /**
   * One chunk on a monitor's x axis: reference chunks first, then analysis, each by chunk index.
   */
  public record Chunk(String period, int index, String key, String start, String end, long rows) {}

  /**
   * One calculator × metric × column of the whole population; arrays aligned with the monitor's
   * chunks.
   */
  public record Series(
      String calculator,
      String metric,
      String column,
      double[] value,
      double[] pValue,
      double[] realized,
      double[] lowerBound,
      double[] upperBound,
      double[] lowerThreshold,
      double[] upperThreshold,
      boolean[] alert,
      boolean[] present) {
    String label() {
      return calculator + " · " + metric + (column == null ? "" : " · " + column);
    }

    long analysisAlerts(List<Chunk> chunks) {
      long n = 0;
      for (int i = 0; i < chunks.size(); i++) {
        if (present[i] && alert[i] && chunks.get(i).period().equals("analysis")) {
          n++;
        }
      }
      return n;
    }
  }

  /** Everything the report shows of one monitor. */
  public record Monitor(
      String name,
      List<Chunk> chunks,
      List<Series> series,
      long otherSegments,
      Map<String, Object> latestRun,
      long runCount,
      Map<String, Long> sentAlerts) {}

  /** The tables of one output directory. */
  public record Output(
      String dir,
      Dataset<Row> results,
      Dataset<Row> runs,
      Dataset<Row> distributions,
      Dataset<Row> alerts) {}

  /**
   * Opens the output directory; a missing directory or missing {@code results} table is the user's
   * mistake.
   */
  public static Output open(SparkSession spark, String dir) {
    String base = dir.replaceAll("/+$", "");
    boolean local = !base.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    if (local && !Files.isDirectory(Path.of(base))) {
      throw Errors.unreadable(
          "output directory",
          base,
          "no such directory; expected the output directory of a 'vigil run' (--output)");
    }
    String results = base + "/results";
    if (!dev.vigil.results.DeltaRetry.hasCommits(spark, results)) {
      throw Errors.unreadable(
          "output directory",
          base,
          "no Delta table 'results' in it; expected the output directory of a 'vigil run' (--output)");
    }
    return new Output(
        base,
        read(spark, results, "results", RESULT_COLUMNS),
        optional(spark, base + "/runs"),
        optional(spark, base + "/distributions"),
        optional(spark, base + "/alerts"));
  }

  private static Dataset<Row> optional(SparkSession spark, String path) {
    return dev.vigil.results.DeltaRetry.hasCommits(spark, path)
        ? spark.read().format("delta").load(path)
        : null;
  }

  static Dataset<Row> read(SparkSession spark, String path, String table, List<String> required) {
    Dataset<Row> df = spark.read().format("delta").load(path);
    Set<String> have = Set.of(df.columns());
    for (String c : required) {
      if (!have.contains(c)) {
        throw Errors.unreadable(
            "table", path, "it has no column '" + c + "'; expected a Vigil '" + table + "' table");
      }
    }
    return df;
  }

  /**
   * The monitors in {@code results}, sorted; {@code only} picks one (an unknown name is the user's
   * mistake).
   */
  public static List<String> monitors(Output out, String only) {
    List<String> all = new ArrayList<>();
    for (Row r : out.results().select("monitor").distinct().collectAsList()) {
      all.add(r.getString(0));
    }
    all.sort(Comparator.naturalOrder());
    if (only == null) {
      return all;
    }
    if (!all.contains(only)) {
      String hint = Errors.closest(only, all).map(c -> " (did you mean '" + c + "'?)").orElse("");
      throw new UserException(
          "--monitor: '"
              + only
              + "' has no results in "
              + out.dir()
              + "/results"
              + hint
              + "; monitors there: "
              + all);
    }
    return List.of(only);
  }

  /** Reads one monitor's whole-population results, its latest run and its sent alerts. */
  public static Monitor load(Output out, String monitor) {
    Column[] cols =
        RESULT_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    List<Row> rows =
        out.results()
            .where(col("monitor").equalTo(monitor).and(col("segment").isNull()))
            .select(cols)
            .collectAsList();
    long otherSegments =
        out.results()
            .where(col("monitor").equalTo(monitor).and(col("segment").isNotNull()))
            .select("segment")
            .distinct()
            .count();

    // the x axis: every (period, chunk key) of the monitor, reference first
    TreeMap<List<Object>, Chunk> axis = new TreeMap<>(ReportData::compareChunkKey);
    for (Row r : rows) {
      String period = r.getAs("period");
      String key = r.getAs("chunk_key");
      int index = r.<Integer>getAs("chunk_index");
      axis.computeIfAbsent(
          List.of(period.equals("reference") ? 0 : 1, index, key),
          k ->
              new Chunk(
                  period,
                  index,
                  key,
                  text(r.getAs("chunk_start_date")),
                  text(r.getAs("chunk_end_date")),
                  r.<Long>getAs("chunk_rows")));
    }
    List<Chunk> chunks = new ArrayList<>(axis.values());
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < chunks.size(); i++) {
      position.put(chunks.get(i).period() + "\u0000" + chunks.get(i).key(), i);
    }

    Map<List<String>, Series> series = new LinkedHashMap<>();
    int n = chunks.size();
    for (Row r : rows) {
      List<String> id =
          Arrays.asList(r.getAs("calculator"), r.getAs("metric"), r.getAs("column_name"));
      Series s =
          series.computeIfAbsent(
              id,
              k ->
                  new Series(
                      k.get(0),
                      k.get(1),
                      k.get(2),
                      nan(n),
                      nan(n),
                      nan(n),
                      nan(n),
                      nan(n),
                      nan(n),
                      nan(n),
                      new boolean[n],
                      new boolean[n]));
      int i = position.get(r.<String>getAs("period") + "\u0000" + r.getAs("chunk_key"));
      s.present()[i] = true;
      s.value()[i] = num(r.getAs("value"));
      s.pValue()[i] = num(r.getAs("p_value"));
      s.realized()[i] = num(r.getAs("realized"));
      s.lowerBound()[i] = num(r.getAs("lower_confidence_bound"));
      s.upperBound()[i] = num(r.getAs("upper_confidence_bound"));
      s.lowerThreshold()[i] = num(r.getAs("lower_threshold"));
      s.upperThreshold()[i] = num(r.getAs("upper_threshold"));
      s.alert()[i] = Boolean.TRUE.equals(r.getAs("alert"));
    }
    List<Series> ordered = new ArrayList<>(series.values());
    ordered.sort(
        Comparator.comparingInt((Series s) -> calculatorRank(s.calculator()))
            .thenComparing(Series::calculator)
            .thenComparing(Series::metric)
            .thenComparing(Series::column, Comparator.nullsFirst(Comparator.naturalOrder())));

    Map<String, Object> latest = new LinkedHashMap<>();
    long runCount = 0;
    if (out.runs() != null
        && Arrays.asList(out.runs().columns()).containsAll(List.of("monitor", "started_at"))) {
      Dataset<Row> runs = out.runs().where(col("monitor").equalTo(monitor));
      runCount = runs.count();
      List<Row> last = runs.orderBy(col("started_at").desc()).limit(1).collectAsList();
      if (!last.isEmpty()) {
        Row r = last.get(0);
        for (String c :
            List.of(
                "run_id",
                "started_at",
                "finished_at",
                "status",
                "error",
                "rows_reference",
                "rows_analysis",
                "chunks",
                "alerts",
                "vigil_version")) {
          if (Arrays.asList(r.schema().fieldNames()).contains(c)) {
            Object v = r.getAs(c);
            latest.put(c, v instanceof java.sql.Timestamp ? text(v) : v);
          }
        }
      }
    }
    Map<String, Long> sent = new TreeMap<>();
    if (out.alerts() != null
        && Arrays.asList(out.alerts().columns()).containsAll(List.of("monitor", "destination"))) {
      for (Row r :
          out.alerts()
              .where(col("monitor").equalTo(monitor))
              .groupBy("destination")
              .count()
              .collectAsList()) {
        sent.put(r.getString(0), r.getLong(1));
      }
    }
    return new Monitor(monitor, chunks, ordered, otherSegments, latest, runCount, sent);
  }

  /**
   * One column's binned distribution per chunk: {@code proportion[bin][chunk]} (NaN where the chunk
   * has no row).
   */
  public record Distribution(
      String column,
      String kind,
      List<String> bins,
      List<Integer> chunkPositions,
      double[][] proportion) {}

  /**
   * The distributions of {@code columns} (whole population) on the monitor's chunks at {@code
   * positions}. Continuous bins keep the table's order (below, 0..k, above) and are labelled by
   * their bounds; categorical bins are the {@code maxCategories} largest categories over those
   * chunks, the rest summed as "other".
   */
  public static List<Distribution> distributions(
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
    List<Row> rows =
        out.distributions()
            .where(
                col("monitor")
                    .equalTo(monitor)
                    .and(col("segment").isNull())
                    .and(col("column_name").isin(columns.toArray())))
            .select(
                "column_name",
                "period",
                "chunk_key",
                "kind",
                "bin",
                "bin_lower",
                "bin_upper",
                "proportion")
            .collectAsList();
    Map<String, List<Row>> byColumn = new TreeMap<>();
    for (Row r : rows) {
      if (position.containsKey(r.<String>getAs("period") + "\u0000" + r.getAs("chunk_key"))) {
        byColumn.computeIfAbsent(r.getAs("column_name"), k -> new ArrayList<>()).add(r);
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
        binInfo.computeIfAbsent(bin, k -> new double[] {order, 0})[1] +=
            r.<Double>getAs("proportion");
      }
      List<String> bins = new ArrayList<>(binInfo.keySet());
      if (kind.equals("continuous")) {
        bins.sort(Comparator.comparingDouble((String b) -> binInfo.get(b)[0]));
      } else {
        bins.sort(
            Comparator.comparingDouble((String b) -> -binInfo.get(b)[1])
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
        labelOf.putIfAbsent(
            r.getAs("bin"), kind.equals("continuous") ? binLabel(r) : r.getAs("bin"));
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
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  static int calculatorRank(String calculator) {
    int i = CALCULATOR_ORDER.indexOf(calculator);
    return i < 0 ? CALCULATOR_ORDER.size() : i;
  }

  @SuppressWarnings("unchecked")
  private static int compareChunkKey(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static double num(Object v) {
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  static String text(Object ts) {
    if (ts == null) {
      return null;
    }
    if (ts instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    return ts.toString();
  }
}
