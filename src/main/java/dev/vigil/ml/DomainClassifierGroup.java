package dev.vigil.ml;

import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One (segment, chunk)'s domain classifier, inside one Spark task and without Spark: from the rows
 * the task received — the segment's reference sample and the chunk's sample — NannyML's training
 * set (labels, row order, stratified unshuffled folds), the {@code cv_folds_num} LightGBM models and
 * the AUROC of their pooled out-of-fold scores.
 */
final class DomainClassifierGroup {
    private DomainClassifierGroup() {}

    /** The role of a received row: the segment's reference sample, or the chunk's own sample. */
    static final int REFERENCE_SAMPLE = 0;

    static final int CHUNK_SAMPLE = 1;

    /**
     * A row a group trains on: its position in its dataset, its role, the categorical columns as
     * strings (null = missing) and the continuous ones (NaN = missing).
     */
    record TrainingRow(long row, int role, String[] categorical, double[] continuous) implements Serializable {
        TrainingRow withRole(int r) {
            return r == role ? this : new TrainingRow(row, r, categorical, continuous);
        }
    }

    /**
     * What a group is: its segment (null = the whole population), its chunk's period and index, and
     * for a reference chunk its positions (a reference chunk's reference rows inside them are the
     * chunk's, not label 0).
     */
    record Spec(String segment, boolean referenceChunk, int chunkIndex, long startIndex, long endIndex)
            implements Serializable {}

    /** A group's value and the class sizes it trained on. */
    record Result(double value, long negatives, long positives) implements Serializable {}

    /**
     * NannyML's training set on the received rows: each role sorted by position and cut to at most
     * {@code max_training_rows} by a systematic sample (a no-op when the rows were sampled exactly
     * before shipping); an analysis chunk is the reference sample (label 0) followed by the chunk
     * (label 1), a reference chunk is the reference sample's rows outside the chunk (label 0) and the
     * chunk's (label 1) in position order.
     */
    static List<TrainingRow> trainingSet(Spec spec, List<TrainingRow> received, int cap, List<Double> labels) {
        List<TrainingRow> reference = cut(received, REFERENCE_SAMPLE, cap);
        List<TrainingRow> own = cut(received, CHUNK_SAMPLE, cap);
        List<TrainingRow> out = new ArrayList<>();
        if (spec.referenceChunk()) {
            for (TrainingRow r : reference) {
                if (r.row() < spec.startIndex() || r.row() > spec.endIndex()) {
                    out.add(r);
                }
            }
            out.addAll(own);
            out.sort(Comparator.comparingLong(TrainingRow::row));
        } else {
            out.addAll(reference);
            out.addAll(own);
        }
        for (TrainingRow r : out) {
            labels.add(r.role() == CHUNK_SAMPLE ? 1.0 : 0.0);
        }
        return out;
    }

    private static List<TrainingRow> cut(List<TrainingRow> received, int role, int cap) {
        List<TrainingRow> rows = new ArrayList<>();
        for (TrainingRow r : received) {
            if (r.role() == role) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparingLong(TrainingRow::row));
        long n = rows.size();
        long m = Math.min(n, cap);
        if (m == n) {
            return rows;
        }
        List<TrainingRow> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (DomainClassifierMath.sampledRank(i, n, m) >= 0) {
                kept.add(rows.get(i));
            }
        }
        return kept;
    }

    /** Each row's fold: its rank within its class in data order, cut as StratifiedKFold does. */
    static int[] folds(List<Double> labels, int k) {
        long m1 = labels.stream().filter(l -> l == 1.0).count();
        long m0 = labels.size() - m1;
        long[][] starts = DomainClassifierMath.foldStarts(m0, m1, k);
        long[] next = new long[2];
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            int c = labels.get(i) == 1.0 ? 1 : 0;
            out[i] = DomainClassifierMath.fold(next[c]++, starts[c]);
        }
        return out;
    }

    /**
     * The model's input, row-major: the categorical columns as codes in the alphabetical order of the
     * training set's values (NannyML's OrdinalEncoder fitted per chunk; missing = NaN), then the
     * continuous columns (NaN = missing: LightGBM's own missing-value handling).
     */
    static double[] matrix(List<TrainingRow> rows, int categorical, int continuous) {
        List<Map<String, Integer>> codes = new ArrayList<>();
        for (int j = 0; j < categorical; j++) {
            TreeSet<String> values = new TreeSet<>();
            for (TrainingRow r : rows) {
                if (r.categorical()[j] != null) {
                    values.add(r.categorical()[j]);
                }
            }
            Map<String, Integer> code = new HashMap<>();
            for (String v : values) {
                code.put(v, code.size());
            }
            codes.add(code);
        }
        int d = categorical + continuous;
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            TrainingRow r = rows.get(i);
            for (int j = 0; j < categorical; j++) {
                String v = r.categorical()[j];
                x[i * d + j] = v == null ? Double.NaN : codes.get(j).get(v);
            }
            System.arraycopy(r.continuous(), 0, x, i * d + categorical, continuous);
        }
        return x;
    }

    /** The group's value: the pooled out-of-fold AUROC; 0.5 when one class is absent (NannyML's). */
    static Result train(
            Spec spec, List<TrainingRow> received, int categorical, int continuous, DomainClassifierConfig settings) {
        List<Double> labels = new ArrayList<>();
        List<TrainingRow> rows = trainingSet(spec, received, settings.maxTrainingRows(), labels);
        long positives = labels.stream().filter(l -> l == 1.0).count();
        long negatives = labels.size() - positives;
        if (positives == 0 || negatives == 0) {
            return new Result(0.5, negatives, positives);
        }
        int k = settings.cvFoldsNum();
        int[] fold = folds(labels, k);
        int d = categorical + continuous;
        double[] x = matrix(rows, categorical, continuous);
        LightGbm.Params params = new LightGbm.Params(
                settings.nEstimators(),
                settings.learningRate(),
                settings.numLeaves(),
                settings.maxDepth(),
                settings.minChildSamples(),
                settings.maxBins(),
                settings.randomState(),
                categorical);
        double[] scores = new double[rows.size()];
        for (int f = 0; f < k; f++) {
            int held = 0;
            for (int v : fold) {
                held += v == f ? 1 : 0;
            }
            if (held == 0) {
                continue; // fewer rows than folds: nothing to score in this one
            }
            int n = rows.size() - held;
            double[] trainX = new double[n * d];
            float[] trainY = new float[n];
            double[] heldX = new double[held * d];
            int[] heldAt = new int[held];
            boolean[] seen = new boolean[2];
            for (int i = 0, t = 0, h = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    System.arraycopy(x, i * d, heldX, h * d, d);
                    heldAt[h++] = i;
                } else {
                    System.arraycopy(x, i * d, trainX, t * d, d);
                    trainY[t++] = labels.get(i).floatValue();
                    seen[labels.get(i) == 1.0 ? 1 : 0] = true;
                }
            }
            double[] s;
            if (seen[0] && seen[1]) {
                s = LightGbm.trainAndScore(trainX, trainY, n, d, heldX, held, params);
            } else {
                // the other folds hold one class only (a chunk of fewer rows than folds): no model can tell
                // the classes apart, every held-out row gets the same score
                s = new double[held];
            }
            for (int h = 0; h < held; h++) {
                scores[heldAt[h]] = s[h];
            }
        }
        boolean[] positive = new boolean[rows.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = labels.get(i) == 1.0;
        }
        return new Result(DomainClassifierMath.auroc(scores, positive), negatives, positives);
    }

    /** For logs: the group's name. */
    static String describe(Spec spec) {
        return (spec.segment() == null ? "" : spec.segment() + " ")
                + (spec.referenceChunk() ? "reference" : "analysis")
                + " chunk "
                + spec.chunkIndex();
    }
}
