package dev.vigil.io;

import dev.vigil.config.InputSpec;
import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one input table: csv (header and schema inference on unless the options say otherwise),
 * parquet, delta, orc, json from a local, {@code file:}, {@code s3a://} or other Hadoop path, or a
 * catalog table. A missing path or table is a user error naming it.
 */
public final class DataReader {
    private final SparkSession spark;

    public DataReader(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> read(InputSpec spec) {
        if (spec.isAbsent()) {
            throw new UserException("configuration key '"
                    + spec.key()
                    + "': this needs the "
                    + spec.key()
                    + " data, and neither 'path' nor 'table' is given ('profile' only names the stored profile"
                    + " a run uses); expected "
                    + spec.key()
                    + ".path or "
                    + spec.key()
                    + ".table");
        }
        if (spec.isTable()) {
            if (!spark.catalog().tableExists(spec.table())) {
                throw Errors.unreadable(
                        spec.key() + ".table",
                        spec.table(),
                        "no such table in the catalog; expected an existing table name");
            }
            return spark.table(spec.table());
        }
        checkExists(spec);
        DataFrameReader reader = spark.read().format(spec.format());
        if (spec.format().equals("csv")) {
            reader = reader.option("header", "true").option("inferSchema", "true");
        }
        reader = reader.options(spec.options());
        try {
            return reader.load(spec.path());
        } catch (Exception e) {
            // Spark's AnalysisException is checked in Java's eyes but thrown undeclared from Scala
            if (e instanceof AnalysisException || e.getClass().getName().contains("Delta")) {
                String why = firstLine(e.getMessage());
                if (why.contains("COLUMN_ALREADY_EXISTS")
                        && !Boolean.parseBoolean(spark.conf().get("spark.sql.caseSensitive", "false"))) {
                    why += " (two of its columns have names that differ only in case, which Spark tells apart only"
                            + " with spark.sql.caseSensitive=true; expected the columns renamed, or the job run with"
                            + " --conf spark.sql.caseSensitive=true)";
                }
                throw Errors.unreadable(spec.key() + ".path", spec.path(), why);
            }
            if (e instanceof SparkException || e.getCause() instanceof SparkException) {
                // reading the schema ran a job that failed: a corrupt or foreign file (e.g. "not a Parquet
                // file")
                throw Errors.unreadable(
                        spec.key() + ".path",
                        spec.path(),
                        "not readable as "
                                + spec.format()
                                + " ("
                                + rootCause(e)
                                + "); expected "
                                + spec.format()
                                + " files");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private void checkExists(InputSpec spec) {
        if (Secrets.hasUrlCredentials(spec.path())) {
            // Hadoop refuses them too, after logging the whole URL: stop before it sees the path
            throw Errors.unreadable(
                    spec.key() + ".path",
                    Secrets.redact(spec.path()),
                    "credentials in the path are not"
                            + " supported; expected them in the reader options (e.g. fs.s3a.access.key, fs.s3a.secret.key) or from"
                            + " the cluster's credential provider");
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path p = new Path(spec.path());
            FileSystem fs = FileSystem.get(
                    URI.create(spec.path()).getScheme() == null ? p.toUri() : URI.create(spec.path()), conf);
            if (!spec.path().contains("*") && !fs.exists(p)) {
                throw Errors.unreadable(
                        spec.key() + ".path",
                        spec.path(),
                        "no such file or directory; expected an existing " + spec.format() + " file or directory");
            }
        } catch (IllegalArgumentException e) {
            throw Errors.unreadable(
                    spec.key() + ".path", spec.path(), "not a valid path (" + firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw Errors.unreadable(spec.key() + ".path", spec.path(), firstLine(e.getMessage()));
        }
    }

    /**
     * The innermost cause's first line, at most 200 characters (Spark's job failures nest the real
     * reason).
     */
    static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String line = firstLine(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage())
                .strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
