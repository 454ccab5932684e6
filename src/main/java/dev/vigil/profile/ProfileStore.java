package dev.vigil.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import dev.vigil.config.InputSpec;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.Errors;
import dev.vigil.internal.Version;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reference_profiles} Delta table: one appended row per fit, keyed by monitor and a
 * fingerprint of the reference and of the configuration a fit depends on; {@code version} counts a
 * monitor's fits. Old versions stay (append only) and queryable. The fingerprint reads no data: the
 * reference's file listing (path, size, modification time), or its Delta version, plus the fit
 * configuration and the Vigil and Spark versions.
 */
public final class ProfileStore {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
  public static final String TABLE = "reference_profiles";

  public static final StructType SCHEMA =
      new StructType()
          .add("monitor", DataTypes.StringType, false)
          .add("version", DataTypes.LongType, false)
          .add("fingerprint", DataTypes.StringType, false)
          .add("reference", DataTypes.StringType, false)
          .add("reference_rows", DataTypes.LongType, false)
          .add("reference_chunks", DataTypes.IntegerType, false)
          .add("calculators", DataTypes.StringType, false)
          .add("profile_bytes", DataTypes.LongType, false)
          .add("profile", DataTypes.BinaryType, false)
          .add("vigil_version", DataTypes.StringType, false)
          .add("spark_version", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("fitted_at", DataTypes.TimestampType, false);

  /** A stored fit and its version. */
  public record Stored(long version, String fingerprint, ReferenceFit fit) {}

  private final SparkSession spark;
  private final String path;

  public ProfileStore(SparkSession spark, String outputPath) {
    this.spark = spark;
    this.path = outputPath.replaceAll("/+$", "") + "/" + TABLE;
  }

  public String path() {
    return path;
  }

  /** The fingerprint a profile fitted now with this configuration and reference would carry. */
  public String fingerprint(MonitorConfig config) {
    return sha256(
        String.join(
            "\n",
            config.fitKey(),
            Version.VERSION,
            spark.version(),
            referenceFingerprint(config.reference())));
  }

  /** The newest stored fit of the monitor with this fingerprint. */
  public Optional<Stored> latest(String monitor, String fingerprint) {
    if (!dev.vigil.results.DeltaRetry.hasCommits(spark, path)) {
      return Optional.empty();
    }
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(path)
            .where(col("monitor").equalTo(monitor).and(col("fingerprint").equalTo(fingerprint)))
            .orderBy(desc("version"))
            .limit(1)
            .select("version", "profile")
            .collectAsList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long version = rows.get(0).getLong(0);
    ReferenceFit fit =
        Blobs.read(
            (byte[]) rows.get(0).get(1),
            "reference profile v" + version + " of " + monitor + " in " + path);
    return Optional.of(new Stored(version, fingerprint, fit));
  }

  /** Appends a fit as the monitor's next version; returns it. */
  public Stored save(
      MonitorConfig config, String fingerprint, ReferenceFit fit, String runId, Timestamp now) {
    long version = 1 + maxVersion(config.monitor());
    byte[] blob = Blobs.write(fit);
    String calculators =
        String.join(
            ",",
            fit.fitted().stream()
                .map(
                    f ->
                        f.getClass()
                            .getName()
                            .replaceAll("^.*\\.", "")
                            .replaceAll("\\$Fitted$", ""))
                .toList());
    Row row =
        RowFactory.create(
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
            now);
    dev.vigil.results.DeltaRetry.run(
        "append to " + path,
        () ->
            spark
                .createDataFrame(List.of(row), SCHEMA)
                .write()
                .format("delta")
                .mode("append")
                .save(path),
        () -> dev.vigil.results.DeltaRetry.forgetCachedLog(spark, path));
    LOG.info(
        "stored reference profile v{} of {} ({} bytes) in {}",
        version,
        config.monitor(),
        blob.length,
        path);
    return new Stored(version, fingerprint, fit);
  }

  private long maxVersion(String monitor) {
    if (!dev.vigil.results.DeltaRetry.hasCommits(spark, path)) {
      return 0;
    }
    Row r =
        spark
            .read()
            .format("delta")
            .load(path)
            .where(col("monitor").equalTo(monitor))
            .agg(org.apache.spark.sql.functions.max("version"))
            .first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /**
   * What identifies the reference's content without reading it: a Delta table's version, else every
   * data file's path, size and modification time (hidden files such as {@code _SUCCESS} left out,
   * as Spark does).
   */
  String referenceFingerprint(InputSpec spec) {
    if (spec.isTable()) {
      try {
        return "table "
            + spec.table()
            + "@"
            + deltaVersion(DeltaTable.forName(spark, spec.table()));
      } catch (Exception notDelta) {
        return "table " + spec.table() + " at " + files(tableLocation(spec.table()), spec);
      }
    }
    if (spec.format().equals("delta")) {
      if (!DeltaTable.isDeltaTable(spark, spec.path())) {
        throw Errors.unreadable(
            spec.key() + ".path",
            spec.path(),
            "not a Delta table; expected a Delta table directory");
      }
      return "delta " + spec.path() + "@" + deltaVersion(DeltaTable.forPath(spark, spec.path()));
    }
    return spec.format()
        + " "
        + spec.path()
        + " "
        + spec.options()
        + " "
        + files(spec.path(), spec);
  }

  private static long deltaVersion(DeltaTable table) {
    return table.history(1).select("version").first().getLong(0);
  }

  private String tableLocation(String table) {
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList()) {
      if ("Location".equals(r.getString(0))) {
        return r.getString(1);
      }
    }
    throw Errors.unreadable(
        "reference.table",
        table,
        "its storage location is unknown; expected a table with a location");
  }

  private String files(String location, InputSpec spec) {
    try {
      Path p = new Path(location);
      URI uri = URI.create(location);
      FileSystem fs =
          FileSystem.get(
              uri.getScheme() == null ? p.toUri() : uri,
              spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw Errors.unreadable(
            spec.key() + ".path",
            location,
            "no such file or directory; expected an existing "
                + spec.format()
                + " file or directory");
      }
      List<String> entries = new ArrayList<>();
      for (FileStatus m : matches) {
        if (m.isFile()) {
          entries.add(m.getPath().toString() + "|" + m.getLen() + "|" + m.getModificationTime());
          continue;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          String name = f.getPath().getName();
          if (name.startsWith("_") || name.startsWith(".")) {
            continue;
          }
          entries.add(f.getPath().toString() + "|" + f.getLen() + "|" + f.getModificationTime());
        }
      }
      entries.sort(String::compareTo);
      return sha256(String.join("\n", entries));
    } catch (IOException e) {
      throw Errors.unreadable(spec.key() + ".path", location, e.getMessage());
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
