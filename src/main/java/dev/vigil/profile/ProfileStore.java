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
 * changed) is passed over with a warning, so the run fits again. A profile larger than {@link
 * #PART_BYTES} is stored in parts, a row each, in one commit; reading it back checks every part is
 * there.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

    /**
     * The version of the stored profile's layout: the serialized classes and their packages. Bumped
     * whenever they change (2: the classes moved packages in the calculator-registry redesign; 3:
     * univariate drift's configuration gained alpha, p_value_correction, kolmogorov_smirnov_alert and
     * drift_share; 4: crossed segments, predicate slices and max_segment_values: the configuration's
     * segmentation, the reference's kept segment values and the '%' and ',' escapes in segment names; 5: the timestamp's null count read as a number, not a
     * string; 6: the quantile states' sketch is DDSketch, serialized in its own encoding; 7: the score
     * counts write only each score's non-zero counters, and their grid beyond 100,000 distinct scores is 2^16
     * steps), so a profile an earlier build stored is simply not matched and the run fits again.
     */
    public static final int PROFILE_FORMAT = 7;

    /**
     * The largest blob one row holds: a larger profile is stored in parts, one row each, all in the
     * same commit. One binary value of tens of megabytes is copied several times by the Parquet writer
     * (its dictionary, the fallback, the page): a 66 MB profile ran a 2 GiB driver out of heap.
     */
    public static final int PART_BYTES = 4 << 20;

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

    private final int partBytes;

    public ProfileStore(SparkSession spark, OutputConfig output) {
        this(spark, output, PART_BYTES);
    }

    /** A store cutting blobs into parts of {@code partBytes} (tests: many parts from a small fit). */
    ProfileStore(SparkSession spark, OutputConfig output, int partBytes) {
        this.spark = spark;
        this.tables = new DeltaTables(spark, output);
        this.partBytes = partBytes;
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
        List<Row> rows = stored.where(col("version").equalTo(version).and(firstPart(stored)))
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
        boolean parted = hasParts(stored);
        List<Row> rows = stored.where(where.and(firstPart(stored)))
                .orderBy(desc("version"))
                .limit(1)
                .select(col("version"), col("profile"), col("fingerprint"), col("profile_bytes"))
                .collectAsList();
        if (rows.isEmpty()) {
            if (!logOthers) {
                return Optional.empty();
            }
            long others = stored.where(firstPart(stored)).count();
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
            byte[] first = (byte[]) rows.get(0).get(1);
            long bytes = rows.get(0).getLong(3);
            List<byte[]> parts =
                    first.length == bytes || !parted ? List.of(first) : parts(stored, version, first, what);
            long read = parts.stream().mapToLong(p -> p.length).sum();
            if (read != bytes) {
                throw new IllegalStateException(
                        "its parts hold " + read + " bytes, not the " + bytes + " the profile has");
            }
            ReferenceFit fit = Blobs.read(parts, what);
            return Optional.of(new Stored(version, rows.get(0).getString(2), fit));
        } catch (IllegalStateException | ClassCastException e) {
            LOG.warn("could not read {} ({}); fitting again", what, rootMessage(e));
            return Optional.empty();
        }
    }

    /** Whether the table has the {@code part} column (a table an earlier version wrote may not). */
    private static boolean hasParts(Dataset<Row> stored) {
        return List.of(stored.columns()).contains("part");
    }

    /** A profile's first (or only) row: part 0, or a row without a part (always whole). */
    private static Column firstPart(Dataset<Row> stored) {
        return hasParts(stored) ? col("part").isNull().or(col("part").equalTo(0)) : lit(true);
    }

    /**
     * Every part of version {@code version}, in order: {@code first} (part 0, already read), then the
     * others, checked to be 1, 2, ... with none missing.
     */
    private static List<byte[]> parts(Dataset<Row> stored, long version, byte[] first, String what) {
        List<Row> rows = stored.where(
                        col("version").equalTo(version).and(col("part").gt(0)))
                .select(col("part"), col("profile"))
                .orderBy(col("part"))
                .collectAsList();
        List<byte[]> out = new ArrayList<>(rows.size() + 1);
        out.add(first);
        for (Row r : rows) {
            if (r.getInt(0) != out.size()) {
                throw new IllegalStateException(what + " has no part " + out.size());
            }
            out.add((byte[]) r.get(1));
        }
        return out;
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
        List<byte[]> parts = Blobs.writeParts(fit, partBytes);
        long bytes = parts.stream().mapToLong(p -> p.length).sum();
        String calculators = String.join(
                ",",
                fit.fitted().stream()
                        .map(f ->
                                f.getClass().getName().replaceAll("^.*\\.", "").replaceAll("\\$Fitted$", ""))
                        .toList());
        String configFingerprint = configFingerprint(config);
        List<Row> rows = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            rows.add(RowFactory.create(
                    config.monitor(),
                    version,
                    fingerprint,
                    config.reference().location(),
                    fit.rows(),
                    fit.reference().chunks().size(),
                    calculators,
                    bytes,
                    parts.get(i),
                    Version.VERSION,
                    spark.version(),
                    runId,
                    now,
                    configFingerprint,
                    i));
        }
        // the append (a Delta commit, a few small Spark jobs) runs beside the analysis; the version, the
        // blob and the row are fixed before, so nothing it writes depends on what the run does next
        CompletableFuture<Void> written = Background.start("vigil-profile-store", () -> {
            tables.append(OutputTables.REFERENCE_PROFILES, rows);
            LOG.info(
                    "stored reference profile v{} of {} ({} bytes{}) in {}",
                    version,
                    config.monitor(),
                    bytes,
                    rows.size() == 1 ? "" : " in " + rows.size() + " parts",
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
