package dev.vigil.ml;

import static org.apache.spark.sql.functions.*;

import dev.vigil.calculators.RowModel;
import dev.vigil.io.ColumnNames;
import dev.vigil.performance.DleHyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DLE's loss models: one Spark MLlib {@code GBTRegressor} per loss (e.g. the absolute error),
 * trained on the reference rows that have a target and a prediction, from the features and the
 * prediction. Inputs: numbers as doubles, a missing number (null or NaN) as {@link #MISSING_NUMBER}
 * (below every value, so it follows the low side of every split: MLlib's trees take no nulls,
 * LightGBM learns a side for missing values); categories as strings, a missing one as NannyML's
 * {@code NML_missing_value} category, indexed by a {@code StringIndexer} (unseen values go to the
 * extra "keep" index, which no split saw, so they follow the right branch) and treated as
 * categorical by the trees up to {@link #MAX_CATEGORIES} values (more: the frequency rank as a
 * number). {@link #transform} adds each loss's prediction, clipped at 0, as a narrow projection: no
 * Spark job.
 */
final class LossModels implements RowModel {
    static final String MISSING_CATEGORY = "NML_missing_value";
    static final double MISSING_NUMBER = -Double.MAX_VALUE;

    /**
     * Categorical features with more values (the unseen bucket included) are used as ordinal codes.
     */
    static final int MAX_CATEGORIES = 128;

    private static final String PREFIX = "_vigil_dle_";
    private static final String FEATURES = PREFIX + "features";
    private static final Logger LOG = LoggerFactory.getLogger(LossModels.class);

    private final List<String> numeric;
    private final List<String> categorical;
    private final StringIndexerModel indexer;
    private final List<String> ordinalCodes;
    private final VectorAssembler assembler;
    private final Map<String, GBTRegressionModel> models;

    private LossModels(
            List<String> numeric,
            List<String> categorical,
            StringIndexerModel indexer,
            List<String> ordinalCodes,
            VectorAssembler assembler,
            Map<String, GBTRegressionModel> models) {
        this.numeric = numeric;
        this.categorical = categorical;
        this.indexer = indexer;
        this.ordinalCodes = ordinalCodes;
        this.assembler = assembler;
        this.models = models;
    }

    private static Column column(String name) {
        return ColumnNames.column(name);
    }

    private static String number(int i) {
        return PREFIX + "x" + i;
    }

    private static String category(int j) {
        return PREFIX + "s" + j;
    }

    private static String code(int j) {
        return PREFIX + "c" + j;
    }

    private static String raw(String output) {
        return output + "_raw";
    }

    /** The model inputs as columns with safe names: imputed doubles, then category strings. */
    private static Dataset<Row> inputs(Dataset<Row> df, List<String> numeric, List<String> categorical) {
        Map<String, Column> cols = new LinkedHashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            Column x = column(numeric.get(i)).cast(DataTypes.DoubleType);
            cols.put(
                    number(i),
                    when(x.isNull().or(isnan(x)), lit(MISSING_NUMBER)).otherwise(x));
        }
        for (int j = 0; j < categorical.size(); j++) {
            cols.put(
                    category(j),
                    coalesce(column(categorical.get(j)).cast(DataTypes.StringType), lit(MISSING_CATEGORY)));
        }
        return df.withColumns(cols);
    }

    /** Categories indexed; a cast drops the nominal metadata of the codes used as numbers. */
    private static Dataset<Row> codes(Dataset<Row> inputs, StringIndexerModel indexer, List<String> ordinalCodes) {
        if (indexer == null) {
            return inputs;
        }
        Dataset<Row> x = indexer.transform(inputs);
        for (String c : ordinalCodes) {
            x = x.withColumn(c, ColumnNames.column(c).cast(DataTypes.DoubleType));
        }
        return x;
    }

    /**
     * Trains one model per entry of {@code labels} (output column → label column) on the rows where
     * {@code trainingRows} holds and the label is a number. The training inputs are persisted for the
     * fits and released after; the models fit concurrently (as MLlib's CrossValidator does), each
     * deterministic.
     *
     * @param numeric numeric inputs: the numeric features and the prediction
     * @param categorical categorical features
     */
    static LossModels fit(
            Dataset<Row> rows,
            Column trainingRows,
            List<String> numeric,
            List<String> categorical,
            Map<String, String> labels,
            DleHyperparameters hp) {
        List<String> labelCols = new ArrayList<>(new LinkedHashSet<>(labels.values()));
        List<Column> kept = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i++) {
            kept.add(ColumnNames.column(number(i)));
        }
        for (int j = 0; j < categorical.size(); j++) {
            kept.add(ColumnNames.column(category(j)));
        }
        labelCols.forEach(l -> kept.add(column(l).cast(DataTypes.DoubleType).as(l)));
        Dataset<Row> train = inputs(rows.where(trainingRows), numeric, categorical)
                .select(kept.toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            StringIndexerModel indexer = null;
            List<String> ordinal = new ArrayList<>();
            int largestNominal = 0;
            if (!categorical.isEmpty()) {
                String[] in = new String[categorical.size()];
                String[] out = new String[categorical.size()];
                for (int j = 0; j < in.length; j++) {
                    in[j] = category(j);
                    out[j] = code(j);
                }
                indexer = new StringIndexer()
                        .setInputCols(in)
                        .setOutputCols(out)
                        .setHandleInvalid("keep")
                        .fit(train);
                String[][] labelsOf = indexer.labelsArray();
                for (int j = 0; j < in.length; j++) {
                    int values = labelsOf[j].length + 1;
                    if (values > MAX_CATEGORIES) {
                        ordinal.add(code(j));
                        LOG.info(
                                "estimated_performance (DLE): categorical feature '{}' has {} values; its frequency rank is used"
                                        + " as a number",
                                categorical.get(j),
                                values - 1);
                    } else {
                        largestNominal = Math.max(largestNominal, values);
                    }
                }
            }
            List<String> assembled = new ArrayList<>();
            for (int i = 0; i < numeric.size(); i++) {
                assembled.add(number(i));
            }
            for (int j = 0; j < categorical.size(); j++) {
                assembled.add(code(j));
            }
            VectorAssembler assembler = new VectorAssembler()
                    .setInputCols(assembled.toArray(String[]::new))
                    .setOutputCol(FEATURES)
                    .setHandleInvalid("keep");
            Dataset<Row> features = assembler.transform(codes(train, indexer, ordinal));
            Map<String, GBTRegressionModel> models =
                    fitAll(features, labels, hp, Math.max(hp.maxBin(), largestNominal));
            return new LossModels(
                    List.copyOf(numeric), List.copyOf(categorical), indexer, List.copyOf(ordinal), assembler, models);
        } finally {
            train.unpersist();
        }
    }

    private static Map<String, GBTRegressionModel> fitAll(
            Dataset<Row> features, Map<String, String> labels, DleHyperparameters hp, int bins) {
        ExecutorService pool = Workers.pool(Math.max(1, labels.size()), "vigil-dle-fit");
        try {
            Map<String, Future<GBTRegressionModel>> futures = new LinkedHashMap<>();
            for (var e : labels.entrySet()) {
                String label = e.getValue();
                GBTRegressor gbt = new GBTRegressor()
                        .setLabelCol(label)
                        .setFeaturesCol(FEATURES)
                        .setPredictionCol(raw(e.getKey()))
                        .setLossType("squared")
                        .setMaxIter(hp.nEstimators())
                        .setStepSize(hp.learningRate())
                        .setMaxDepth(hp.maxDepth())
                        .setMinInstancesPerNode(hp.minChildSamples())
                        .setMaxBins(bins)
                        .setSubsamplingRate(hp.subsample())
                        .setSeed(hp.seed());
                Dataset<Row> rows = features.where(
                        ColumnNames.column(label).isNotNull().and(not(isnan(ColumnNames.column(label)))));
                futures.put(e.getKey(), pool.submit(() -> {
                    long start = System.nanoTime();
                    GBTRegressionModel m = gbt.fit(rows);
                    LOG.info(
                            "estimated_performance (DLE): fitted the {} model ({} trees) in {} s",
                            label,
                            m.getNumTrees(),
                            String.format("%.1f", (System.nanoTime() - start) / 1e9));
                    return m;
                }));
            }
            Map<String, GBTRegressionModel> out = new LinkedHashMap<>();
            for (var f : futures.entrySet()) {
                out.put(f.getKey(), Workers.result(f.getValue(), "fitting DLE's loss models"));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Output columns, one per loss model. */
    List<String> outputs() {
        return List.copyOf(models.keySet());
    }

    /**
     * {@code df} with each model's per-row predicted loss, clipped at 0 (NannyML clips negative
     * predictions).
     */
    @Override
    public List<String> outputColumns() {
        return List.copyOf(models.keySet());
    }

    Dataset<Row> transform(Dataset<Row> df) {
        List<String> original = List.of(df.columns());
        Dataset<Row> x = assembler.transform(codes(inputs(df, numeric, categorical), indexer, ordinalCodes));
        List<Column> out = new ArrayList<>();
        original.forEach(c -> out.add(column(c)));
        for (var e : models.entrySet()) {
            x = e.getValue().transform(x);
            out.add(greatest(ColumnNames.column(raw(e.getKey())), lit(0.0)).as(e.getKey()));
        }
        return x.select(out.toArray(Column[]::new));
    }
}
