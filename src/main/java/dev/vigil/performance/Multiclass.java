package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.internal.Sql;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multiclass classification, one-vs-rest and macro-averaged as NannyML
 * (docs/nannyml-realized-performance.md §2, §4.2): the states (a (target, prediction) pair count
 * per row; per class the class score of its rows and of the others' rows), the realized metrics and
 * their sampling errors. Classes are the score mapping's labels, sorted; targets and predictions
 * are compared with them as strings.
 */
final class Multiclass implements java.io.Serializable {
  static final String CELL = "_vigil_mc_cell";
  static final String SEP = "\u0001";
  static final List<String> METRICS =
      List.of("roc_auc", "f1", "precision", "recall", "specificity", "accuracy");

  final List<String> classes;
  final List<String> scoreColumns;
  private final String target;
  private final String prediction;

  Multiclass(Map<String, String> scores, String target, String prediction) {
    this.classes = scores.keySet().stream().sorted().toList();
    this.scoreColumns = classes.stream().map(scores::get).toList();
    this.target = target;
    this.prediction = prediction;
  }

  static String pos(int c) {
    return "_vigil_mc_pos_" + c;
  }

  static String neg(int c) {
    return "_vigil_mc_neg_" + c;
  }

  static String is(int c) {
    return "_vigil_mc_is_" + c;
  }

  String targetText() {
    return "cast(" + Sql.quote(target) + " as string)";
  }

  String predictionText() {
    return "cast(" + Sql.quote(prediction) + " as string)";
  }

  Map<String, String> derivedColumns() {
    Map<String, String> d = new LinkedHashMap<>();
    String y = targetText();
    String p = predictionText();
    d.put(
        CELL,
        "CASE WHEN "
            + y
            + " IS NULL OR "
            + p
            + " IS NULL THEN NULL ELSE concat("
            + y
            + ", char(1), "
            + p
            + ") END");
    for (int c = 0; c < classes.size(); c++) {
      String label = Sql.literal(classes.get(c));
      String s = "cast(" + Sql.quote(scoreColumns.get(c)) + " as double)";
      d.put(pos(c), "CASE WHEN " + y + " = " + label + " THEN " + s + " END");
      d.put(neg(c), "CASE WHEN " + y + " <> " + label + " THEN " + s + " END");
      d.put(
          is(c),
          "CASE WHEN "
              + y
              + " IS NULL THEN NULL WHEN "
              + y
              + " = "
              + label
              + " THEN 1.0 ELSE 0.0 END");
    }
    return d;
  }

  List<StateSpec> specs() {
    List<StateSpec> specs = new ArrayList<>();
    specs.add(new Specs.CategoriesOf(CELL));
    for (int c = 0; c < classes.size(); c++) {
      specs.add(new Specs.ValueCountsOf(pos(c)));
      specs.add(new Specs.ValueCountsOf(neg(c)));
    }
    return specs;
  }

  /** (target, prediction) counts of a chunk. */
  record Pairs(Map<String, Map<String, Long>> counts, long n) {
    long count(String y, String p) {
      return counts.getOrDefault(y, Map.of()).getOrDefault(p, 0L);
    }

    Set<String> targets() {
      Set<String> out = new HashSet<>();
      counts.forEach(
          (y, m) -> m.values().stream().filter(v -> v > 0).findAny().ifPresent(v -> out.add(y)));
      return out;
    }

    Set<String> predictions() {
      Set<String> out = new HashSet<>();
      counts
          .values()
          .forEach(
              m ->
                  m.forEach(
                      (p, v) -> {
                        if (v > 0) {
                          out.add(p);
                        }
                      }));
      return out;
    }
  }

  static Pairs pairs(CategoryCounts cells) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    long n = 0;
    for (var e : cells.counts().entrySet()) {
      int cut = e.getKey().indexOf(SEP);
      out.computeIfAbsent(e.getKey().substring(0, cut), k -> new HashMap<>())
          .merge(e.getKey().substring(cut + 1), e.getValue(), Long::sum);
      n += e.getValue();
    }
    return new Pairs(out, n);
  }

  Pairs pairs(ChunkTable t, String seg, int i) {
    return pairs(t.<CategoryCounts>state(seg, i, new Specs.CategoriesOf(CELL)));
  }

  Pairs wholePairs(ChunkTable t, String seg) {
    return pairs(t.<CategoryCounts>whole(seg, new Specs.CategoriesOf(CELL)));
  }

  /** One class's one-vs-rest confusion counts {tp, fp, fn, tn}. */
  static double[] oneVsRest(Pairs pairs, String label) {
    double tp = pairs.count(label, label);
    double predicted = 0;
    double actual = 0;
    for (var e : pairs.counts().entrySet()) {
      actual +=
          e.getKey().equals(label)
              ? e.getValue().values().stream().mapToLong(Long::longValue).sum()
              : 0;
      predicted += e.getValue().getOrDefault(label, 0L);
    }
    double fp = predicted - tp;
    double fn = actual - tp;
    return new double[] {tp, fp, fn, pairs.n() - tp - fp - fn};
  }

  static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  /**
   * The per-class value of a confusion-based metric (0 on an empty denominator, as scikit-learn's
   * default).
   */
  static double perClass(String metric, double[] c) {
    return switch (metric) {
      case "precision" -> ratio(c[0], c[0] + c[1]);
      case "recall" -> ratio(c[0], c[0] + c[2]);
      case "f1" -> ratio(c[0], c[0] + 0.5 * (c[1] + c[2]));
      case "specificity" -> ratio(c[3], c[3] + c[1]);
      default -> throw new IllegalArgumentException(metric);
    };
  }

  /**
   * NannyML's confusion-matrix metric names {@code true_<a>_pred_<b>}, by true class then predicted
   * class.
   */
  List<String> cells() {
    List<String> out = new ArrayList<>();
    for (String a : classes) {
      for (String b : classes) {
        out.add("true_" + a + "_pred_" + b);
      }
    }
    return out;
  }

  /** {true class index, predicted class index} of a cell name. */
  int[] cell(String metric) {
    int i = cells().indexOf(metric);
    return new int[] {i / classes.size(), i % classes.size()};
  }

  /**
   * A cell divided as {@code normalization} says: all rows (all), the true class's rows (true), the
   * predicted (pred).
   */
  double cellGroup(Pairs pairs, int[] ij, String normalization) {
    if (normalization == null || normalization.equals("all")) {
      return pairs.n();
    }
    double sum = 0;
    for (String other : classes) {
      sum +=
          normalization.equals("true")
              ? pairs.count(classes.get(ij[0]), other)
              : pairs.count(other, classes.get(ij[1]));
    }
    return sum;
  }

  /** Per cell {std of its indicator within its group, the group's share of the reference}. */
  Map<String, double[]> cellComponents(ChunkTable ref, String seg, String normalization) {
    Pairs pairs = wholePairs(ref, seg);
    Map<String, double[]> out = new HashMap<>();
    for (String cell : cells()) {
      int[] ij = cell(cell);
      double group = cellGroup(pairs, ij, normalization);
      double q = pairs.count(classes.get(ij[0]), classes.get(ij[1])) / group;
      out.put(cell, new double[] {Math.sqrt(q * (1 - q)), group / pairs.n()});
    }
    return out;
  }

  /** The realized value of a metric on a chunk; NaN where NannyML gives none. */
  double realized(String metric, ChunkTable t, String seg, int i, String normalization) {
    Pairs pairs = pairs(t, seg, i);
    if (pairs.n() == 0) {
      return Double.NaN;
    }
    if (metric.startsWith("true_") && cells().contains(metric)) {
      if (pairs.targets().size() < 2 || pairs.predictions().size() < 2) {
        return Double.NaN;
      }
      int[] ij = cell(metric);
      double count = pairs.count(classes.get(ij[0]), classes.get(ij[1]));
      return normalization == null ? count : count / cellGroup(pairs, ij, normalization);
    }
    switch (metric) {
      case "accuracy" -> {
        long hits = 0;
        for (var e : pairs.counts().entrySet()) {
          hits += e.getValue().getOrDefault(e.getKey(), 0L);
        }
        return (double) hits / pairs.n();
      }
      case "roc_auc" -> {
        if (!pairs.targets().equals(new HashSet<>(classes))) {
          return Double.NaN;
        }
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
          ValueCounts p = t.state(seg, i, new Specs.ValueCountsOf(pos(c)));
          ValueCounts n = t.state(seg, i, new Specs.ValueCountsOf(neg(c)));
          sum += ClassificationMath.rocAuc(p.sorted(), n.sorted());
        }
        return sum / classes.size();
      }
      default -> {
        if (pairs.targets().size() < 2 || pairs.predictions().size() < 2) {
          return Double.NaN;
        }
        double sum = 0;
        for (String label : classes) {
          sum += perClass(metric, oneVsRest(pairs, label));
        }
        return sum / classes.size();
      }
    }
  }

  /** Rows of a chunk the sampling error counts: rows with target and prediction. */
  long rows(ChunkTable t, String seg, int i) {
    return pairs(t, seg, i).n();
  }

  /**
   * Whole-reference sampling-error components: per metric, per class {variance, fraction}
   * (accuracy: one entry {variance, 1}).
   */
  Map<String, double[][]> components(ChunkTable ref, String seg) {
    Pairs pairs = wholePairs(ref, seg);
    double n = pairs.n();
    Map<String, double[][]> out = new HashMap<>();
    int k = classes.size();
    for (String metric : List.of("precision", "recall", "f1", "specificity")) {
      double[][] comp = new double[k][];
      for (int c = 0; c < k; c++) {
        double[] cm = oneVsRest(pairs, classes.get(c));
        double denominator =
            switch (metric) {
              case "precision" -> cm[0] + cm[1];
              case "recall" -> cm[0] + cm[2];
              case "f1" -> cm[0] + cm[1] + cm[2];
              default -> cm[3] + cm[1];
            };
        double hits = metric.equals("specificity") ? cm[3] : cm[0];
        double q = hits / denominator;
        comp[c] = new double[] {q * (1 - q), denominator / n};
      }
      out.put(metric, comp);
    }
    double[][] auc = new double[k][];
    for (int c = 0; c < k; c++) {
      ValueCounts p = ref.whole(seg, new Specs.ValueCountsOf(pos(c)));
      ValueCounts q = ref.whole(seg, new Specs.ValueCountsOf(neg(c)));
      double[] comp = ClassificationMath.rocAucComponent(p.sorted(), q.sorted());
      auc[c] = new double[] {comp[0] * comp[0], comp[1]};
    }
    out.put("roc_auc", auc);
    long hits = 0;
    for (var e : pairs.counts().entrySet()) {
      hits += e.getValue().getOrDefault(e.getKey(), 0L);
    }
    double acc = hits / n;
    out.put("accuracy", new double[][] {{acc * (1 - acc), 1}});
    return out;
  }

  /** NannyML's multiclass sampling error on a chunk of {@code n} rows. */
  static double samplingError(String metric, double[][] comp, long n) {
    if (comp == null) {
      return Double.NaN;
    }
    if (metric.equals("accuracy")) {
      return Math.sqrt(comp[0][0]) / Math.sqrt(n);
    }
    double sum = 0;
    for (double[] c : comp) {
      sum += c[0] / (n * c[1]);
    }
    double se = Math.sqrt(sum) / comp.length;
    return metric.equals("roc_auc") ? 1.2 * se : se;
  }
}
