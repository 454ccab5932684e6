package dev.vigil.results;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost an optimistic-concurrency race. Several monitors (or two runs of
 * one) may write the same output tables at once; Delta then fails all but one commit with a {@code
 * DeltaConcurrentModificationException} subclass (ConcurrentAppendException when a MERGE read files
 * another writer appended to, ConcurrentDeleteReadException when it rewrote them, MetadataChanged/
 * ProtocolChangedException when two writers created the same table). Every Vigil write is
 * idempotent (MERGE on the result key, or a blind append of a row that exists once per run), so the
 * whole write is simply done again on the new table version: it re-checks whether the table exists,
 * rereads it and recomputes the MERGE. Pauses grow exponentially, with jitter, so colliding writers
 * spread out.
 */
public final class DeltaRetry {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaRetry.class);

    /**
     * Attempts in all (the first + retries). With the pauses below they span about two minutes at
     * most.
     */
    public static final int ATTEMPTS = 10;

    static final long BASE_PAUSE_MILLIS = 500;
    static final long MAX_PAUSE_MILLIS = 20_000;

    private DeltaRetry() {}

    /**
     * Runs {@code write}, retrying it after {@code beforeRetry} (e.g. dropping a cached table state).
     */
    public static <T> T run(String what, Supplier<T> write, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                Throwable conflict = concurrentModification(e);
                if (conflict == null || attempt >= ATTEMPTS) {
                    throw e;
                }
                long cap = Math.min(MAX_PAUSE_MILLIS, BASE_PAUSE_MILLIS << Math.min(attempt - 1, 20));
                long pause = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
                LOG.warn(
                        "{}: concurrent Delta commit ({}), retry {} of {} in {} ms",
                        what,
                        conflict.getClass().getSimpleName(),
                        attempt,
                        ATTEMPTS - 1,
                        pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                beforeRetry.run();
            }
        }
    }

    public static void run(String what, Runnable write, Runnable beforeRetry) {
        run(
                what,
                () -> {
                    write.run();
                    return null;
                },
                beforeRetry);
    }

    /**
     * A Delta optimistic-concurrency failure anywhere in the cause chain: Delta's exceptions all
     * extend {@link java.util.ConcurrentModificationException} (io.delta.exceptions.* in Delta 3 and
     * 4).
     */
    static boolean isConcurrentModification(Throwable e) {
        return concurrentModification(e) != null;
    }

    private static Throwable concurrentModification(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrentModificationException
                    && (t.getClass().getName().startsWith("io.delta.")
                            || t.getClass().getName().startsWith("org.apache.spark.sql.delta."))) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether the Delta table at {@code path} has a commit, from a listing of its {@code _delta_log}.
     * Delta's own {@code isDeltaTable} reads a per-process cache, which does not see a table another
     * process has just created.
     */
    public static boolean hasCommits(SparkSession spark, String path) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
            for (FileStatus f : fs.listStatus(log)) {
                if (f.getPath().getName().matches("\\d{20}\\.(json|checkpoint.*\\.parquet)")) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log, e);
        }
    }

    /**
     * Replaces the rows of the table at {@code path} that match {@code where} (a SQL predicate) with
     * {@code rows} in one commit, retried on conflicts. A missing table is first created empty by a
     * zero-row append: a first write of the rows by plain append could duplicate them when another
     * process creates the table at the same time (see {@link DeltaResultSink}), while two overwrites
     * of the same rows conflict and one is retried.
     */
    public static void replaceWhere(SparkSession spark, String path, StructType schema, String where, List<Row> rows) {
        run(
                "replace rows where " + where + " in " + path,
                () -> {
                    if (!hasCommits(spark, path)) {
                        forgetCachedLog(spark, path);
                        spark.createDataFrame(List.of(), schema)
                                .write()
                                .format("delta")
                                .mode("append")
                                .save(path);
                        forgetCachedLog(spark, path);
                    }
                    try (DriverRows data = DriverRows.of(spark, rows, schema)) {
                        data.frame()
                                .write()
                                .format("delta")
                                .mode("overwrite")
                                .option("replaceWhere", where)
                                .save(path);
                    }
                },
                () -> forgetCachedLog(spark, path));
    }

    /** Drops this process's cached view of the table's log, so the next access reads it afresh. */
    public static void forgetCachedLog(SparkSession spark, String path) {
        DeltaLog.invalidateCache(spark, new Path(path));
    }
}
