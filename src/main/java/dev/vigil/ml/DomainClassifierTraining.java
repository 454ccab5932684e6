package dev.vigil.ml;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.Learner.ChunkScores;
import dev.vigil.calculators.Learner.DomainClassifierRequest;
import dev.vigil.calculators.Learner.SegmentScores;
import dev.vigil.config.Segmentation;
import dev.vigil.io.ColumnNames;
import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.scan.Scanner;
import dev.vigil.scan.SegmentValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * NannyML's domain classifier ({@code DomainClassifierCalculator},
 * docs/nannyml-multivariate-drift.md §3) on LightGBM, NannyML's own learner: per (segment, chunk),
 * a classifier learns to tell the chunk's rows (label 1) from the reference's (label 0); the value
 * is the AUROC of its out-of-fold scores, pooled over stratified, unshuffled folds. About 0.5 means
 * the chunk looks like the reference; towards 1 it has drifted.
 *
 * <p>Training sets, NannyML's rules on a bounded sample: the reference is sampled systematically
 * (every (n/m)-th row in data order) to at most {@code max_training_rows} rows, and so is each
 * chunk. An analysis chunk trains on the reference sample (label 0) and its own sample (label 1); a
 * reference chunk trains on its own sample (label 1) and the reference sample's rows outside the
 * chunk (label 0), as NannyML labels a chunk inside the whole reference. Below the cap nothing is
 * sampled and the rows are NannyML's. Folds come from each row's rank within its class, as {@code
 * StratifiedKFold(shuffle=False)} cuts them ({@link DomainClassifierMath}). A segment's samples are
 * drawn from the segment's rows: a hash of the row position keeps each row with probability {@code
 * min(1, 2·cap/rows)} before shipping, and the task cuts what it receives to the cap by the same
 * systematic rule (every row when the segment has no more than the cap).
 *
 * <p>Cost, whatever the number of chunks and segments: one count of the reference, then one Spark
 * job: every row of both datasets is routed, in one pass, to the (segment, chunk) groups whose
 * sample holds it (a reference-sample row to every group of its segment), the groups are shuffled
 * to one task each, and each task trains its {@code cv_folds_num} LightGBM models in the task's JVM
 * ({@link DomainClassifierGroup}), returning one value. Shuffled: at most about {@code 2 ×
 * max_training_rows} rows per group (twice that for a segment's oversampled rows).
 */
final class DomainClassifierTraining {
    private static final Logger LOG = LoggerFactory.getLogger(DomainClassifierTraining.class);

    /** A segment's rows are kept with probability min(1, this × cap / rows) before shipping. */
    static final double OVERSAMPLE = 2.0;

    /** At most this many tasks train the groups (beyond it a task trains several groups in turn). */
    static final int MAX_TASKS = 20_000;

    private final List<String> continuous;
    private final List<String> categorical;
    private final DomainClassifierConfig settings;
    private final Segmentation segmentation;
    private final SegmentValues segmentValues;

    DomainClassifierTraining(DomainClassifierRequest request, Segmentation segmentation, SegmentValues segmentValues) {
        this.continuous = List.copyOf(request.continuous());
        this.categorical = List.copyOf(request.categorical());
        this.settings = request.settings();
        this.segmentation = segmentation == null ? Segmentation.none() : segmentation;
        this.segmentValues = segmentValues == null ? SegmentValues.all() : segmentValues;
    }

    // ---------------------------------------------------------------- plan

    /**
     * How one segment's samples are drawn. The whole population ({@code exact}): a systematic sample
     * of {@code referenceKept} of the {@code referenceRows} reference positions, and of each chunk's
     * positions. A segment: a row is shipped when its hash is below the probability.
     */
    record SegmentPlan(
            String segment,
            boolean exact,
            long referenceRows,
            long referenceKept,
            double referenceProbability,
            int[] groups,
            Map<Long, ChunkSample> referenceChunks,
            Map<Long, ChunkSample> analysisChunks,
            long salt)
            implements Serializable {}

    /** A chunk's sample: its group, first position, rows and kept rows, or its probability. */
    record ChunkSample(int group, long start, long rows, long kept, double probability) implements Serializable {}

    /** Everything the executors need to route a row: per segment name (null key: ""), its plan. */
    record Plan(Map<String, SegmentPlan> segments, List<DomainClassifierGroup.Spec> specs) implements Serializable {}

    private static String key(String segment) {
        return segment == null ? "" : segment;
    }

    private Plan plan(long referenceRows, ChunkTable reference, ChunkTable analysis, List<String> segments) {
        int cap = settings.maxTrainingRows();
        List<DomainClassifierGroup.Spec> specs = new ArrayList<>();
        Map<String, SegmentPlan> plans = new HashMap<>();
        for (String s : segments) {
            boolean exact = s == null;
            long refRows = exact ? referenceRows : 0;
            if (!exact) {
                for (int i = 0; i < reference.chunks().size(); i++) {
                    refRows += reference.rows(s, i);
                }
                if (refRows == 0) {
                    continue; // nothing to compare with: the calculator notes it
                }
            }
            List<Integer> groups = new ArrayList<>();
            Map<Long, ChunkSample> refChunks = new HashMap<>();
            Map<Long, ChunkSample> anaChunks = new HashMap<>();
            for (ChunkInfo c : reference.chunks()) {
                long rows = exact ? c.rows() : reference.rows(s, c.index());
                if (rows > 0) {
                    int g = specs.size();
                    specs.add(new DomainClassifierGroup.Spec(s, true, c.index(), c.startIndex(), c.endIndex()));
                    groups.add(g);
                    refChunks.put(c.group(), sample(g, c.startIndex(), rows, cap));
                }
            }
            for (ChunkInfo c : analysis.chunks()) {
                long rows = exact ? c.rows() : analysis.rows(s, c.index());
                if (rows > 0) {
                    int g = specs.size();
                    specs.add(new DomainClassifierGroup.Spec(s, false, c.index(), c.startIndex(), c.endIndex()));
                    groups.add(g);
                    anaChunks.put(c.group(), sample(g, c.startIndex(), rows, cap));
                }
            }
            plans.put(
                    key(s),
                    new SegmentPlan(
                            s,
                            exact,
                            refRows,
                            Math.min(refRows, cap),
                            Math.min(1.0, OVERSAMPLE * cap / refRows),
                            groups.stream().mapToInt(Integer::intValue).toArray(),
                            refChunks,
                            anaChunks,
                            settings.randomState() * 0x9E3779B97F4A7C15L + key(s).hashCode()));
        }
        return new Plan(plans, specs);
    }

    private static ChunkSample sample(int group, long start, long rows, int cap) {
        return new ChunkSample(group, start, rows, Math.min(rows, cap), Math.min(1.0, OVERSAMPLE * cap / rows));
    }

    // ---------------------------------------------------------------- routing

    /** A uniform number in [0, 1) from a row position and a salt (SplitMix64's finaliser). */
    static double uniform(long row, long salt) {
        long z = row * 0xBF58476D1CE4E5B9L + salt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * Routes one dataset's rows: the projection [_chunk, _row, segment entry columns, slices,
     * categorical features, continuous features].
     */
    static final class Router implements Serializable {
        private final Broadcast<Plan> plan;
        private final boolean reference;
        private final String[] entryKeys;
        private final String[] entryPrefixes;
        private final int[] entryWidth;
        private final String[] sliceNames;
        private final SegmentValues values;
        private final int categorical;
        private final int continuous;

        Router(
                Broadcast<Plan> plan,
                boolean reference,
                Segmentation segmentation,
                SegmentValues values,
                int categorical,
                int continuous) {
            this.plan = plan;
            this.reference = reference;
            List<List<String>> entries = segmentation.entries();
            this.entryKeys = entries.stream().map(Segmentation::key).toArray(String[]::new);
            this.entryPrefixes =
                    entries.stream().map(e -> Segmentation.key(e) + "=").toArray(String[]::new);
            this.entryWidth = entries.stream().mapToInt(List::size).toArray();
            this.sliceNames = segmentation.slices().keySet().stream()
                    .map(Segmentation::sliceName)
                    .toArray(String[]::new);
            this.values = values;
            this.categorical = categorical;
            this.continuous = continuous;
        }

        Iterator<Tuple2<Integer, DomainClassifierGroup.TrainingRow>> route(Iterator<Row> rows) {
            Plan p = plan.value();
            List<Tuple2<Integer, DomainClassifierGroup.TrainingRow>> out = new ArrayList<>();
            List<String> names = new ArrayList<>();
            StringBuilder joined = new StringBuilder();
            while (rows.hasNext()) {
                Row r = rows.next();
                Long chunk = r.isNullAt(0) ? null : r.getLong(0);
                long row = r.getLong(1);
                names.clear();
                names.add(null);
                int f = 2;
                for (int e = 0; e < entryKeys.length; e++) {
                    joined.setLength(0);
                    for (int j = 0; j < entryWidth[e]; j++) {
                        joined.append(j == 0 ? "" : ",").append(Segmentation.encode(r.getString(f + j)));
                    }
                    f += entryWidth[e];
                    names.add(entryPrefixes[e] + values.group(entryKeys[e], joined.toString()));
                }
                for (String slice : sliceNames) {
                    if (!r.isNullAt(f) && r.getBoolean(f)) {
                        names.add(slice);
                    }
                    f++;
                }
                DomainClassifierGroup.TrainingRow training = null;
                for (String name : names) {
                    SegmentPlan s = p.segments().get(key(name));
                    if (s == null) {
                        continue;
                    }
                    double u = s.exact() ? 0 : uniform(row, s.salt());
                    boolean inReference = reference
                            && (s.exact()
                                    ? DomainClassifierMath.sampledRank(row, s.referenceRows(), s.referenceKept()) >= 0
                                    : u < s.referenceProbability());
                    ChunkSample c =
                            chunk == null ? null : (reference ? s.referenceChunks() : s.analysisChunks()).get(chunk);
                    boolean inChunk = c != null
                            && (s.exact()
                                    ? DomainClassifierMath.sampledRank(row - c.start(), c.rows(), c.kept()) >= 0
                                    : u < c.probability());
                    if (!inReference && !inChunk) {
                        continue;
                    }
                    if (training == null) {
                        training = training(r, row, f);
                    }
                    if (inReference) {
                        var asReference = training.withRole(DomainClassifierGroup.REFERENCE_SAMPLE);
                        for (int g : s.groups()) {
                            out.add(new Tuple2<>(g, asReference));
                        }
                    }
                    if (inChunk) {
                        out.add(new Tuple2<>(c.group(), training.withRole(DomainClassifierGroup.CHUNK_SAMPLE)));
                    }
                }
            }
            return out.iterator();
        }

        private DomainClassifierGroup.TrainingRow training(Row r, long row, int first) {
            String[] cats = new String[categorical];
            for (int j = 0; j < categorical; j++) {
                cats[j] = r.isNullAt(first + j) ? null : r.getString(first + j);
            }
            double[] nums = new double[continuous];
            for (int j = 0; j < continuous; j++) {
                int at = first + categorical + j;
                nums[j] = r.isNullAt(at) ? Double.NaN : r.getDouble(at);
            }
            return new DomainClassifierGroup.TrainingRow(row, DomainClassifierGroup.REFERENCE_SAMPLE, cats, nums);
        }
    }

    /** The routing projection of one dataset. */
    private Dataset<Row> projection(Dataset<Row> rows) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(Scanner.CHUNK).cast(DataTypes.LongType));
        cols.add(col(Scanner.ROW).cast(DataTypes.LongType));
        for (List<String> entry : segmentation.entries()) {
            for (String s : entry) {
                cols.add(ColumnNames.column(s).cast(DataTypes.StringType));
            }
        }
        cols.addAll(Scanner.sliceColumns(rows, segmentation));
        for (String c : categorical) {
            cols.add(ColumnNames.column(c).cast(DataTypes.StringType));
        }
        for (String c : continuous) {
            // NaN and infinities are missing, like nulls
            Column x = ColumnNames.column(c).cast(DataTypes.DoubleType);
            cols.add(when(
                            x.isNaN().or(abs(x).equalTo(lit(Double.POSITIVE_INFINITY))),
                            lit(null).cast(DataTypes.DoubleType))
                    .otherwise(x));
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    // ---------------------------------------------------------------- the one job

    /**
     * Every (segment, chunk)'s cross-validated AUROC, for {@code segments} (null = the whole
     * population); a segment without reference rows, or a chunk without the segment's rows, has NaN.
     */
    ChunkScores scores(
            Chunked reference,
            Chunked analysis,
            ChunkTable referenceTable,
            ChunkTable analysisTable,
            List<String> segments) {
        LightGbm.load(); // fails early, on the driver, on a platform without LightGBM's library
        long start = System.nanoTime();
        long referenceRows = reference.rows().count();
        if (referenceRows > settings.maxTrainingRows()) {
            LOG.info(
                    "domain classifier: the reference is sampled to {} of its {} rows (max_training_rows)",
                    settings.maxTrainingRows(),
                    referenceRows);
        }
        Plan plan = plan(referenceRows, referenceTable, analysisTable, segments);
        double[][][] values = new double[segments.size()][][];
        for (int s = 0; s < segments.size(); s++) {
            values[s] = new double[][] {
                nans(referenceTable.chunks().size()),
                nans(analysisTable.chunks().size())
            };
        }
        if (plan.specs().isEmpty()) {
            return scores(segments, values);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(
                reference.rows().sparkSession().sparkContext());
        Broadcast<Plan> shared = sc.broadcast(plan);
        int nc = categorical.size();
        int nn = continuous.size();
        Router refRouter = new Router(shared, true, segmentation, segmentValues, nc, nn);
        Router anaRouter = new Router(shared, false, segmentation, segmentValues, nc, nn);
        JavaPairRDD<Integer, DomainClassifierGroup.TrainingRow> routed = projection(reference.rows())
                .javaRDD()
                .mapPartitionsToPair(refRouter::route)
                .union(projection(analysis.rows()).javaRDD().mapPartitionsToPair(anaRouter::route));
        DomainClassifierConfig cfg = settings;
        sc.setJobDescription("domain classifier: " + plan.specs().size() + " (segment, chunk) groups");
        List<Tuple2<Integer, DomainClassifierGroup.Result>> results;
        try {
            results = routed.groupByKey(
                            new HashPartitioner(Math.min(plan.specs().size(), MAX_TASKS)))
                    .mapToPair(g -> {
                        List<DomainClassifierGroup.TrainingRow> rows = new ArrayList<>();
                        g._2().forEach(rows::add);
                        DomainClassifierGroup.Spec spec = shared.value().specs().get(g._1());
                        return new Tuple2<>(g._1(), DomainClassifierGroup.train(spec, rows, nc, nn, cfg));
                    })
                    .collect();
        } finally {
            sc.setJobDescription(null);
            shared.destroy();
        }
        Map<String, Integer> segmentIndex = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            segmentIndex.put(key(segments.get(s)), s);
        }
        for (Tuple2<Integer, DomainClassifierGroup.Result> r : results) {
            DomainClassifierGroup.Spec spec = plan.specs().get(r._1());
            values[segmentIndex.get(key(spec.segment()))][spec.referenceChunk() ? 0 : 1][spec.chunkIndex()] =
                    r._2().value();
            LOG.debug(
                    "domain classifier: {} AUROC {} from {} reference + {} chunk rows",
                    DomainClassifierGroup.describe(spec),
                    r._2().value(),
                    r._2().negatives(),
                    r._2().positives());
        }
        LOG.info(
                "domain classifier: {} (segment, chunk) groups trained ({} models each) in {} s",
                plan.specs().size(),
                settings.cvFoldsNum(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return scores(segments, values);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static ChunkScores scores(List<String> segments, double[][][] values) {
        List<SegmentScores> out = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            out.add(new SegmentScores(segments.get(s), values[s][0], values[s][1]));
        }
        return new ChunkScores(out);
    }
}
