package dev.vigil.ml;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import dev.vigil.internal.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * LightGBM's binary classifier in this JVM, without Spark (the {@code lightgbmlib} jar: LightGBM's C
 * API through SWIG, its native library inside the jar). One call trains one model on a row-major
 * matrix and scores another: the domain classifier's fold models, trained inside a Spark task with
 * one thread ({@code num_threads=1}: Spark gives a task one core).
 *
 * <p>The native library ships for linux, macOS and Windows on x86_64 only; elsewhere (e.g. aarch64)
 * {@link #load} refuses with one line naming the platform.
 */
public final class LightGbm {
    private static final String RESOURCES = "/com/microsoft/ml/lightgbm/";
    private static final int FLOAT32 = 0;
    private static final int FLOAT64 = 1;
    private static final int PREDICT_RAW = 1;

    private static volatile boolean loaded;

    private LightGbm() {}

    /**
     * The model's settings as LightGBM parameters: LGBMClassifier's names and defaults (NannyML's
     * model), plus single-threaded, deterministic and silent.
     *
     * @param categorical the first {@code categorical} columns are LightGBM categorical features
     */
    public record Params(
            int nEstimators,
            double learningRate,
            int numLeaves,
            int maxDepth,
            int minChildSamples,
            int maxBin,
            long seed,
            int categorical) {
        /** The parameter string both the dataset and the booster take. */
        String text() {
            StringBuilder s = new StringBuilder();
            s.append("objective=binary boosting=gbdt verbosity=-1 num_threads=1 deterministic=true")
                    .append(" force_row_wise=true")
                    .append(" num_leaves=")
                    .append(numLeaves)
                    .append(" max_depth=")
                    .append(maxDepth)
                    .append(" learning_rate=")
                    .append(String.format(Locale.ROOT, "%.17g", learningRate))
                    .append(" min_data_in_leaf=")
                    .append(minChildSamples)
                    .append(" min_sum_hessian_in_leaf=0.001 min_gain_to_split=0 lambda_l1=0 lambda_l2=0")
                    .append(" bagging_fraction=1 bagging_freq=0 feature_fraction=1 bin_construct_sample_cnt=200000")
                    .append(" max_bin=")
                    .append(maxBin)
                    .append(" seed=")
                    .append(seed);
            if (categorical > 0) {
                s.append(" categorical_feature=");
                for (int i = 0; i < categorical; i++) {
                    s.append(i == 0 ? "" : ",").append(i);
                }
            }
            return s.toString();
        }
    }

    /**
     * Loads the native library once per JVM (extracted from the jar to a temporary directory).
     *
     * @throws UserException on a platform the jar has no library for
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (LightGbm.class) {
            if (loaded) {
                return;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            String dir;
            String[] libs;
            if (os.contains("linux")) {
                dir = "linux";
                libs = new String[] {"lib_lightgbm.so", "lib_lightgbm_swig.so"};
            } else if (os.contains("mac")) {
                dir = "osx";
                libs = new String[] {"lib_lightgbm.dylib", "lib_lightgbm_swig.dylib"};
            } else if (os.contains("windows")) {
                dir = "windows";
                libs = new String[] {"lib_lightgbm.dll", "lib_lightgbm_swig.dll"};
            } else {
                dir = null;
                libs = new String[0];
            }
            if (dir == null || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                throw new UserException("calculators.multivariate_drift (method domain_classifier): LightGBM's native"
                        + " library is available for linux, macOS and Windows on x86_64 only; this JVM runs on "
                        + os + "/" + arch);
            }
            try {
                Path tmp = Files.createTempDirectory("vigil-lightgbm");
                tmp.toFile().deleteOnExit();
                for (String lib : libs) {
                    Path p = tmp.resolve(lib);
                    try (InputStream in = LightGbm.class.getResourceAsStream(RESOURCES + dir + "/x86_64/" + lib)) {
                        if (in == null) {
                            throw new IllegalStateException("the jar has no LightGBM library " + lib);
                        }
                        Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                    }
                    p.toFile().deleteOnExit();
                    System.load(p.toString());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract LightGBM's native library: " + e.getMessage(), e);
            }
            loaded = true;
        }
    }

    /**
     * Trains one model on {@code rows} rows of {@code x} (row-major, {@code cols} columns, NaN =
     * missing; categorical columns hold codes 0, 1, … or NaN) with 0/1 labels {@code y}, and returns
     * its raw scores (the margin, monotone in the probability) for the {@code scoreRows} rows of
     * {@code scoreX}.
     */
    public static double[] trainAndScore(
            double[] x, float[] y, int rows, int cols, double[] scoreX, int scoreRows, Params params) {
        load();
        String p = params.text();
        SWIGTYPE_p_double train = copy(x, (long) rows * cols);
        SWIGTYPE_p_float labels = lightgbmlib.new_floatArray(rows);
        SWIGTYPE_p_double score = copy(scoreX, (long) scoreRows * cols);
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(Math.max(1, scoreRows));
        SWIGTYPE_p_long_long outLength = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        SWIGTYPE_p_p_void datasetHandle = lightgbmlib.new_voidpp();
        SWIGTYPE_p_p_void boosterHandle = lightgbmlib.new_voidpp();
        SWIGTYPE_p_void dataset = null;
        SWIGTYPE_p_void booster = null;
        try {
            for (int i = 0; i < rows; i++) {
                lightgbmlib.floatArray_setitem(labels, i, y[i]);
            }
            check(lightgbmlib.LGBM_DatasetCreateFromMat(
                    lightgbmlib.double_to_voidp_ptr(train), FLOAT64, rows, cols, 1, p, null, datasetHandle));
            dataset = lightgbmlib.voidpp_value(datasetHandle);
            check(lightgbmlib.LGBM_DatasetSetField(
                    dataset, "label", lightgbmlib.float_to_voidp_ptr(labels), rows, FLOAT32));
            check(lightgbmlib.LGBM_BoosterCreate(dataset, p, boosterHandle));
            booster = lightgbmlib.voidpp_value(boosterHandle);
            for (int t = 0; t < params.nEstimators(); t++) {
                check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished));
                if (lightgbmlib.intp_value(finished) == 1) {
                    break; // no split left to make: LightGBM stops, as the Python package does
                }
            }
            double[] scores = new double[scoreRows];
            if (scoreRows > 0) {
                check(lightgbmlib.LGBM_BoosterPredictForMat(
                        booster,
                        lightgbmlib.double_to_voidp_ptr(score),
                        FLOAT64,
                        scoreRows,
                        cols,
                        1,
                        PREDICT_RAW,
                        0,
                        -1,
                        "num_threads=1",
                        outLength,
                        out));
                for (int i = 0; i < scoreRows; i++) {
                    scores[i] = lightgbmlib.doubleArray_getitem(out, i);
                }
            }
            return scores;
        } finally {
            if (booster != null) {
                lightgbmlib.LGBM_BoosterFree(booster);
            }
            if (dataset != null) {
                lightgbmlib.LGBM_DatasetFree(dataset);
            }
            lightgbmlib.delete_doubleArray(train);
            lightgbmlib.delete_floatArray(labels);
            lightgbmlib.delete_doubleArray(score);
            lightgbmlib.delete_doubleArray(out);
            lightgbmlib.delete_int64_tp(outLength);
            lightgbmlib.delete_intp(finished);
            lightgbmlib.delete_voidpp(datasetHandle);
            lightgbmlib.delete_voidpp(boosterHandle);
        }
    }

    private static SWIGTYPE_p_double copy(double[] values, long n) {
        SWIGTYPE_p_double a = lightgbmlib.new_doubleArray(Math.max(1, n));
        for (long i = 0; i < n; i++) {
            lightgbmlib.doubleArray_setitem(a, i, values[(int) i]);
        }
        return a;
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("LightGBM: " + lightgbmlib.LGBM_GetLastError());
        }
    }
}
