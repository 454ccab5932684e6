package dev.vigil.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.vigil.config.MonitorConfig;
import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Background;
import dev.vigil.internal.Version;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reference_profiles} Delta table ({@link OutputTables#REFERENCE_PROFILES}): one
 * appended row per fit, keyed by monitor and a fingerprint of the reference and of the
 * configuration a fit depends on; {@code version} counts a monitor's fits. Old versions stay
 * (append only) and queryable. The fingerprint reads no data: the reference's file listing (path,
 * size, modification time), or its Delta version, plus the fit configuration, the Vigil and Spark
 * versions and {@link #PROFILE_FORMAT}. Beside it, {@code config_fingerprint} covers the same but the
 * reference ({@link #configFingerprint}): what a run that cannot read the reference, or one pinned
 * to a profile ({@code reference.profile}), matches on. A stored profile that cannot be read back (a class it holds
 * changed) is passed over with a warning, so the run fits again.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

    /**
     * The version of the stored profile's layout: the serialized classes and their packages. Bumped
     * whenever they change (2: the classes moved packages in the calculator-registry redesign; 3:
     * univariate drift's configuration gained alpha, p_value_correction, kolmogorov_smirnov_alert and
     * drift_share; 4: crossed segments, predicate slices and max_segment_values: the configuration's
     * segmentation, the reference's kept segment values and the '%' and ',' escapes in segment names; 5: the timestamp's null count read as a number, not a
     * string; 6: the quantile states' sketch is DDSketch, serialized in its own encoding), so a profile an earlier build stored is simply not matched and the run fits again.
     */
    public static final int PROFILE_FORMAT = 6;

    /** A stored fit and its version. */
    public record Stored(long version, String fingerprint, ReferenceFit fit, CompletableFuture<Void> written) {
        /** A profile already in the table (read back). */
        public Stored(long version, String fingerprint, ReferenceFit fit) {
            this(version, fingerprint, fit, CompletableFuture.completedFuture(null));
        }

        /**
         * Waits until the profile is in the table: a fit's is appended in the background while the
         * run goes on ({@link #save}); the append's failure is rethrown here.
         */
        public Stored awaitWritten() {
            Background.join(written);
            return this;
        }
    }

    /** A stored profile's row without its blob: what picking one by version needs to check. */
    public record Entry(long version, String configFingerprint, Timestamp fittedAt) {}

    private final SparkSession spark;
    private final DeltaTables tables;

    public ProfileStore(SparkSession spark, OutputConfig output) {
        this.spark = spark;
        this.tables = new DeltaTables(spark, output);
    }

    /** Where the table is: its directory or its catalog name. */
    public String path() {
        return tables.address(OutputTables.REFERENCE_PROFILES);
    }

    /** The fingerprint a profile fitted now with this configuration and reference would carry. */
    public String fingerprint(MonitorConfig config) {
        return fingerprint(config, PROFILE_FORMAT);
    }

    /** The fingerprint under a profile format (earlier formats: what earlier builds stored). */
    String fingerprint(MonitorConfig config, int profileFormat) {
        List<String> parts = new ArrayList<>(List.of(
                config.fitKey(),
                Version.VERSION,
                spark.version(),
                new ReferenceIdentity(spark).of(config.reference())));
        if (profileFormat > 1) { // format 1 (before the format counted) had no entry
            parts.add("profile format " + profileFormat);
        }
        return sha256(String.join("\n", parts));
    }

    /**
     * The fingerprint of the configuration alone (what a fit depends on but the reference's location
     * and content, plus the Vigil and Spark versions and the profile format): stored beside the full
     * fingerprint, so a run that cannot read the reference finds the profile fitted with this
     * configuration — and never one fitted with another.
     */
    public String configFingerprint(MonitorConfig config) {
        return sha256(String.join(
                "\n", config.configurationKey(), Version.VERSION, spark.version(), "profile format " + PROFILE_FORMAT));
    }

    /**
     * The newest stored fit of the monitor with this fingerprint; empty when there is none (logged
     * when the monitor has other profiles) or when it cannot be read back (a warning).
     */
    public Optional<Stored> latest(String monitor, String fingerprint) {
        return newest(monitor, col("fingerprint").equalTo(fingerprint), true);
    }

    /**
     * The newest stored fit of the monitor fitted with this configuration ({@link
     * #configFingerprint}), whatever its reference; profiles stored before the column existed have
     * none and never match.
     */
    public Optional<Stored> latestWithConfiguration(String monitor, String configFingerprint) {
        if (!hasConfigFingerprints(monitor)) {
            return Optional.empty();
        }
        return newest(monitor, col("config_fingerprint").equalTo(configFingerprint), false);
    }

    /** Version {@code version} of the monitor's stored profiles, without its blob; empty if none. */
    public Optional<Entry> entry(String monitor, long version) {
        Dataset<Row> stored = tables.ofMonitor(OutputTables.REFERENCE_PROFILES, monitor);
        if (stored == null) {
            return Optional.empty();
        }
        boolean withConfig = List.of(stored.columns()).contains("config_fingerprint");
        List<Row> rows = stored.where(col("version").equalTo(version))
                .select(
                        col("version"),
                        withConfig ? col("config_fingerprint") : lit(null).cast("string"),
                        col("fitted_at"))
                .collectAsList();
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(new Entry(
                        rows.get(0).getLong(0),
                        rows.get(0).getString(1),
                        rows.get(0).getTimestamp(2)));
    }

    /** Version {@code version} of the monitor's stored profiles (checked to exist by {@link #entry}). */
    public Optional<Stored> version(String monitor, long version) {
        return newest(monitor, col("version").equalTo(version), false);
    }

    private boolean hasConfigFingerprints(String monitor) {
        Dataset<Row> stored = tables.ofMonitor(OutputTables.REFERENCE_PROFILES, monitor);
        return stored != null && List.of(stored.columns()).contains("config_fingerprint");
    }

    private Optional<Stored> newest(String monitor, Column where, boolean logOthers) {
        Dataset<Row> stored = tables.ofMonitor(OutputTables.REFERENCE_PROFILES, monitor);
        if (stored == null) {
            return Optional.empty();
        }
        List<Row> rows = stored.where(where)
                .orderBy(desc("version"))
                .limit(1)
                .select("version", "profile", "fingerprint")
                .collectAsList();
        if (rows.isEmpty()) {
            if (!logOthers) {
                return Optional.empty();
            }
            long others = stored.count();
            if (others > 0) {
                LOG.info(
                        "none of the {} stored reference profile(s) of {} matches (the reference, the fit"
                                + " configuration, the Vigil or Spark version or the profile format {} differ);"
                                + " fitting again",
                        others,
                        monitor,
                        PROFILE_FORMAT);
            }
            return Optional.empty();
        }
        long version = rows.get(0).getLong(0);
        String what = "reference profile v" + version + " of " + monitor + " in " + path();
        try {
            ReferenceFit fit = Blobs.read((byte[]) rows.get(0).get(1), what);
            return Optional.of(new Stored(version, rows.get(0).getString(2), fit));
        } catch (IllegalStateException | ClassCastException e) {
            LOG.warn("could not read {} ({}); fitting again", what, rootMessage(e));
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        return c.toString();
    }

    /**
     * Appends a fit as the monitor's next version, in the background: the returned profile's {@link
     * Stored#awaitWritten} waits for (and rethrows the failure of) the append.
     */
    public Stored save(MonitorConfig config, String fingerprint, ReferenceFit fit, String runId, Timestamp now) {
        long version = 1 + maxVersion(config.monitor());
        byte[] blob = Blobs.write(fit);
        String calculators = String.join(
                ",",
                fit.fitted().stream()
                        .map(f ->
                                f.getClass().getName().replaceAll("^.*\\.", "").replaceAll("\\$Fitted$", ""))
                        .toList());
        Row row = RowFactory.create(
                config.monitor(),
                version,
                fingerprint,
                config.reference().location(),
                fit.rows(),
                fit.reference().chunks().size(),
                calculators,
                (long) blob.length,
                blob,
                Version.VERSION,
                spark.version(),
                runId,
                now,
                configFingerprint(config));
        // the append (a Delta commit, a few small Spark jobs) runs beside the analysis; the version, the
        // blob and the row are fixed before, so nothing it writes depends on what the run does next
        CompletableFuture<Void> written = Background.start("vigil-profile-store", () -> {
            tables.append(OutputTables.REFERENCE_PROFILES, List.of(row));
            LOG.info(
                    "stored reference profile v{} of {} ({} bytes) in {}",
                    version,
                    config.monitor(),
                    blob.length,
                    path());
        });
        return new Stored(version, fingerprint, fit, written);
    }

    private long maxVersion(String monitor) {
        Dataset<Row> stored = tables.ofMonitor(OutputTables.REFERENCE_PROFILES, monitor);
        if (stored == null) {
            return 0;
        }
        Row r = stored.agg(max("version")).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
