package dev.vigil.results;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Sql;
import dev.vigil.internal.UserException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta tables of one output, written and read by their {@link OutputTable} declarations:
 * MERGEd ({@link DeltaMerge}), appended, or a monitor's rows replaced in one commit. Every write is
 * retried when it loses a race with another writer ({@link DeltaRetry}).
 *
 * <p>The one place a table is addressed: by path ({@code output.path/<table>}), or, with {@code
 * output.schema}, by name as a table of the session catalog ({@code [catalog.]schema.<table>}),
 * created by {@code CREATE TABLE IF NOT EXISTS ... USING delta} (with {@code LOCATION
 * output.path/<table>} when a path is given: an external table), in a schema created when missing.
 */
public final class DeltaTables {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);

    /** Delta commits made by this process through any instance (a run logs the ones it made). */
    private static final AtomicLong COMMITS = new AtomicLong();

    private final SparkSession spark;
    private final OutputConfig output;
    /**
     * Catalog tables this instance has seen exist (and, for external ones, checked the location of);
     * concurrent: a run writes two tables side by side.
     */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    private volatile boolean schemaReady;

    public DeltaTables(SparkSession spark, String output) {
        this(spark, OutputConfig.at(output));
    }

    public DeltaTables(SparkSession spark, OutputConfig output) {
        this.spark = spark;
        this.output = output;
    }

    public SparkSession spark() {
        return spark;
    }

    /**
     * Delta commits this process has made so far (table creations, appends, replaces, deletes,
     * MERGEs and ALTER TABLEs; a MERGE skipped because nothing changed is none); a run reports the
     * difference across itself.
     */
    public static long commitsSoFar() {
        return COMMITS.get();
    }

    /** Counts one Delta commit (see {@link #commitsSoFar}). */
    static void committed() {
        COMMITS.incrementAndGet();
    }

    public OutputConfig config() {
        return output;
    }

    /** Whether the tables are catalog tables (output.schema). */
    public boolean inCatalog() {
        return output.inCatalog();
    }

    /** Where the tables are, for people: the output directory, or the schema. */
    public String describe() {
        return output.describe();
    }

    /** Where the table is, for people: its directory, or its catalog name. */
    public String address(OutputTable table) {
        return output.describe(table.name());
    }

    /** The table as SQL names it: {@code delta.`path`}, or {@code `catalog`.`schema`.`table`}. */
    public String sqlName(OutputTable table) {
        return inCatalog() ? output.sqlName(table.name()) : "delta." + Sql.quote(table.path(output.directory()));
    }

    private String path(OutputTable table) {
        return output.tablePath(table.name());
    }

    /**
     * Whether the table exists: it has a commit (from a listing of its log: see {@link DeltaRetry}),
     * or it is registered in the catalog.
     */
    public boolean exists(OutputTable table) {
        if (!inCatalog()) {
            return DeltaRetry.hasCommits(spark, path(table));
        }
        if (ready.contains(table.name())) {
            return true;
        }
        return spark.catalog().tableExists(output.sqlName(table.name()));
    }

    /** The whole table (which must exist). */
    public Dataset<Row> read(OutputTable table) {
        return inCatalog()
                ? spark.read().table(output.sqlName(table.name()))
                : spark.read().format("delta").load(path(table));
    }

    /** The table's rows where {@code where} holds, or null when the table does not exist yet. */
    public Dataset<Row> readWhere(OutputTable table, Column where) {
        return exists(table) ? read(table).where(where) : null;
    }

    /** One monitor's rows, or null when the table does not exist yet. */
    public Dataset<Row> ofMonitor(OutputTable table, String monitor) {
        return readWhere(table, col("monitor").equalTo(monitor));
    }

    /**
     * Before a run: with catalog tables, the schema (created when missing) and every declared table
     * (created when missing, so BI tools find all of them; an external table's location checked);
     * nothing for path tables, which are created on their first write.
     */
    public void prepare() {
        if (inCatalog()) {
            for (OutputTable t : OutputTables.ALL) {
                createIfMissing(t);
            }
        }
    }

    /** MERGEs rows (in the table's column order) on the table's key. */
    public void merge(OutputTable table, List<Row> rows) {
        new DeltaMerge(this).merge(table, rows);
    }

    /** Appends rows (in the table's column order); creates the table when it has none. */
    public void append(OutputTable table, List<Row> rows) {
        DeltaRetry.run(
                "append to " + address(table),
                () -> {
                    try (DriverRows data = DriverRows.of(spark, rows, table.schema())) {
                        DataFrameWriter<Row> w = data.frame()
                                .write()
                                .format("delta")
                                // a table an earlier version created gains the columns added since
                                .option("mergeSchema", "true")
                                .mode("append");
                        if (inCatalog()) {
                            createIfMissing(table);
                            w.saveAsTable(output.sqlName(table.name()));
                        } else {
                            if (!table.partitionBy().isEmpty()) {
                                w = w.partitionBy(table.partitionBy().toArray(String[]::new));
                            }
                            w.save(path(table));
                        }
                        committed();
                    }
                },
                () -> forgetCachedLog(table));
    }

    /**
     * Replaces the rows where {@code where} (a SQL predicate) holds with {@code rows}, one commit;
     * a table an earlier version wrote first gains the columns declared since (ALTER TABLE).
     */
    public void replace(OutputTable table, String where, List<Row> rows) {
        if (!inCatalog()) {
            if (exists(table)) {
                addMissingColumns(table);
            }
            DeltaRetry.replaceWhere(spark, path(table), table.schema(), where, rows);
            committed();
            return;
        }
        DeltaRetry.run(
                "replace rows where " + where + " in " + address(table),
                () -> {
                    createIfMissing(table);
                    addMissingColumns(table);
                    try {
                        spark.createDataFrame(rows, table.schema())
                                .writeTo(output.sqlName(table.name()))
                                .overwrite(expr(where));
                        committed();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) { // NoSuchTableException, checked (declared in Spark 3.5)
                        throw new IllegalStateException(address(table) + " was dropped during the write", e);
                    }
                },
                () -> forgetCachedLog(table));
    }

    /**
     * Adds the declared columns a table written by an earlier Vigil version lacks (e.g. {@code
     * results.chunk_complete}, {@code rankings.relative_performance}), null in its old rows: the
     * migration is a metadata-only ALTER TABLE. The table must exist.
     */
    void addMissingColumns(OutputTable table) {
        List<String> existing = List.of(read(table).schema().fieldNames());
        String previous = null;
        for (StructField f : table.schema().fields()) {
            if (!existing.contains(f.name())) {
                spark.sql("ALTER TABLE "
                        + sqlName(table)
                        + " ADD COLUMNS ("
                        + Sql.quote(f.name())
                        + " "
                        + f.dataType().sql()
                        + (previous == null ? " FIRST" : " AFTER " + Sql.quote(previous))
                        + ")");
                committed();
                forgetCachedLog(table);
                LOG.info("added column {} to {}", f.name(), address(table));
            }
            previous = f.name();
        }
    }

    /** Deletes the rows where {@code where} holds (nothing when the table does not exist). */
    public void delete(OutputTable table, Column where) {
        if (exists(table)) {
            DeltaRetry.run(
                    "delete from " + address(table),
                    () -> {
                        deltaTable(table).delete(where);
                        committed();
                    },
                    () -> forgetCachedLog(table));
        }
    }

    /**
     * A path table's first write: when the table has no commit yet, creates it with {@code rows} in
     * one commit (no empty creation, no read, no MERGE). Delta writes version 0 only if absent, so of
     * two runs creating the table at once one wins; the other, and any run that finds the table
     * already there, gets false and MERGEs as usual. Catalog tables: always false (they are created
     * empty by {@link #prepare}).
     */
    boolean createWithRows(OutputTable table, List<Row> rows) {
        if (inCatalog()) {
            return false;
        }
        String path = path(table);
        if (DeltaRetry.hasCommits(spark, path)) {
            return false;
        }
        DeltaRetry.forgetCachedLog(spark, path);
        try (DriverRows data = DriverRows.of(spark, rows, table.schema())) {
            data.frame()
                    .write()
                    .format("delta")
                    .mode("errorifexists")
                    .partitionBy(table.partitionBy().toArray(String[]::new))
                    .save(path);
            committed();
            return true;
        } catch (Exception e) { // AnalysisException ("already exists") is checked, thrown undeclared
            DeltaRetry.forgetCachedLog(spark, path);
            if (DeltaRetry.hasCommits(spark, path)) {
                LOG.info("{} was created meanwhile by another run ({}); merging into it", path, e.getMessage());
                return false;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot create " + path + ": " + e.getMessage(), e);
        } finally {
            DeltaRetry.forgetCachedLog(spark, path);
        }
    }

    /** The table for Delta's API (it must exist). */
    DeltaTable deltaTable(OutputTable table) {
        return inCatalog()
                ? DeltaTable.forName(spark, output.sqlName(table.name()))
                : DeltaTable.forPath(spark, path(table));
    }

    /**
     * Creates the empty table unless it exists. Path tables: unless it has a commit, by an append of
     * zero rows; two pitfalls avoided, both seen with concurrent writers: a first write of the rows by
     * plain append duplicates them when another process created the table meanwhile (this process's
     * Delta log cache still says "no table", so nothing conflicts); and {@code CREATE TABLE IF NOT
     * EXISTS} takes a bare {@code _delta_log} directory (another writer's creation in progress, or one
     * killed mid-way) for an existing table and creates nothing. An append of zero rows has neither
     * problem: it creates the table, or adds nothing to an existing one; two racing creators conflict
     * and the loser is retried ({@link DeltaRetry}). New tables are partitioned as declared (by
     * monitor), so concurrent runs of different monitors never conflict (Delta checks a MERGE's reads
     * against other commits' files by partition); older, unpartitioned tables work as before.
     *
     * <p>Catalog tables: {@code CREATE TABLE IF NOT EXISTS} by name (the catalog, not a log listing,
     * says whether it exists), with the declared columns and partitioning, or, when the external
     * location already holds a Delta table (e.g. the output of earlier path runs), registering that
     * table as it is (missing columns are then added by the MERGE). A creation that fails because a
     * concurrent run registered the table first counts as done.
     */
    void createIfMissing(OutputTable table) {
        if (!inCatalog()) {
            String path = path(table);
            if (DeltaRetry.hasCommits(spark, path)) {
                return;
            }
            DeltaRetry.forgetCachedLog(spark, path);
            spark.createDataFrame(List.of(), table.schema())
                    .write()
                    .format("delta")
                    .mode("append")
                    .partitionBy(table.partitionBy().toArray(String[]::new))
                    .save(path);
            committed();
            DeltaRetry.forgetCachedLog(spark, path);
            LOG.info("created {}", path);
            return;
        }
        if (ready.contains(table.name())) {
            return;
        }
        createSchemaIfMissing();
        String name = output.sqlName(table.name());
        for (int attempt = 1; !spark.catalog().tableExists(name); attempt++) {
            String location = path(table);
            boolean existingData = location != null && DeltaRetry.hasCommits(spark, location);
            try {
                spark.sql(createTable(table, existingData));
                committed();
                LOG.info(
                        "{} {}{}",
                        existingData ? "registered the existing Delta table" : "created",
                        address(table),
                        location == null ? " (managed)" : " at " + location);
            } catch (Exception e) { // AnalysisException is a checked exception, thrown undeclared
                if (spark.catalog().tableExists(name)) {
                    LOG.info("{} was created meanwhile by another run ({})", address(table), e.getMessage());
                } else if (attempt < CREATE_ATTEMPTS && concurrentCreation(e)) {
                    LOG.warn(
                            "{}: created at the same time by another run ({}), retry {} of {}",
                            address(table),
                            e.getClass().getSimpleName(),
                            attempt,
                            CREATE_ATTEMPTS - 1);
                    pause(attempt);
                } else {
                    throw rethrown(e);
                }
            }
        }
        checkLocation(table);
        ready.add(table.name());
    }

    /** Throws {@code e} as it is (Spark's checked exceptions included), for {@code throw rethrown(e)}. */
    @SuppressWarnings("unchecked")
    static <E extends Exception> RuntimeException rethrown(Exception e) throws E {
        throw (E) e;
    }

    /** Attempts at creating a catalog table that another run is creating at the same time. */
    static final int CREATE_ATTEMPTS = 8;

    /**
     * {@code CREATE TABLE IF NOT EXISTS} for the table: the declared columns and partitioning, or,
     * over a location that holds a Delta table already, that table as it is.
     */
    private String createTable(OutputTable table, boolean existingData) {
        String location = path(table);
        String partitioning = table.partitionBy().stream().map(Sql::quote).collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS "
                + output.sqlName(table.name())
                + (existingData ? "" : " (" + columnsDdl(table.schema()) + ")")
                + " USING delta"
                + (existingData || partitioning.isEmpty() ? "" : " PARTITIONED BY (" + partitioning + ")")
                + (location == null ? "" : " LOCATION " + Sql.literal(location));
    }

    /**
     * A failure that a concurrent creator of the same table causes: its first commit won the race
     * (a Delta concurrent modification), or its files are there but the table is not registered yet
     * (Delta's "location is not empty"), or it registered the table first. (A location left non-empty
     * by a creator that was killed gives the same error, and stays: after the attempts, the error.)
     */
    static boolean concurrentCreation(Throwable e) {
        if (DeltaRetry.isConcurrentModification(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION")
                    || m.contains("TABLE_OR_VIEW_ALREADY_EXISTS")
                    || t.getClass().getSimpleName().equals("TableAlreadyExistsException")) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        long cap = 1000L * attempt;
        try {
            Thread.sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a table", e);
        }
    }

    /** The schema, created when missing (by a run that may: refused otherwise by the catalog). */
    private synchronized void createSchemaIfMissing() {
        if (schemaReady) {
            return;
        }
        String schema = output.sqlSchema();
        if (!spark.catalog().databaseExists(schema)) {
            try {
                spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
                LOG.info("created the {}", output.describe());
            } catch (Exception e) {
                if (!spark.catalog().databaseExists(schema)) {
                    throw new UserException("output.schema: the schema "
                            + output.describe()
                            + " does not exist and could not be created ("
                            + e.getMessage()
                            + "); create it, or name one that exists");
                }
            }
        }
        schemaReady = true;
    }

    /**
     * With a path (external tables): the registered table's location must be {@code
     * output.path/<table>}, or the run would write somewhere else than configured.
     */
    private void checkLocation(OutputTable table) {
        String expected = path(table);
        if (expected == null) {
            return;
        }
        String registered = location(table);
        if (registered != null && !qualified(registered).equals(qualified(expected))) {
            throw new UserException("output.path: the table "
                    + address(table)
                    + " is registered at '"
                    + registered
                    + "', not at '"
                    + expected
                    + "' (output.path/"
                    + table.name()
                    + "); set output.path to where its tables are, or drop the table");
        }
    }

    /** The registered table's data location ({@code DESCRIBE DETAIL}); null if it has none. */
    private String location(OutputTable table) {
        Row detail = deltaTable(table).detail().select("location").first();
        return detail.isNullAt(0) ? null : detail.getString(0);
    }

    private String qualified(String location) {
        try {
            Path p = new Path(location);
            return p.getFileSystem(spark.sessionState().newHadoopConf())
                    .makeQualified(p)
                    .toString()
                    .replaceAll("/+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + location, e);
        }
    }

    /** The columns as a CREATE TABLE column list ({@code `name` TYPE [NOT NULL], ...}). */
    static String columnsDdl(StructType schema) {
        List<String> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            out.add(Sql.quote(f.name()) + " " + f.dataType().sql() + (f.nullable() ? "" : " NOT NULL"));
        }
        return String.join(", ", out);
    }

    /**
     * Drops this process's cached view of the table's log, so the next access reads it afresh (a
     * catalog table's log is found by its location; nothing to drop when it is not registered).
     */
    public void forgetCachedLog(OutputTable table) {
        if (!inCatalog()) {
            DeltaRetry.forgetCachedLog(spark, path(table));
            return;
        }
        if (spark.catalog().tableExists(output.sqlName(table.name()))) {
            String location = location(table);
            if (location != null) {
                DeltaRetry.forgetCachedLog(spark, location);
            }
        }
    }
}
