package dev.vigil.config;

import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.Sql;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Where the Delta tables go: directories under {@code path} ({@code path/results}, ...), or tables
 * registered in the session catalog as {@code [catalog.]schema.<table>}: managed tables with a
 * schema only, external tables whose data lives under {@code path/<table>} with a schema and a path.
 *
 * @param path the output directory or URI; with a schema the external tables' location; null:
 *     managed tables
 * @param catalog the catalog of {@code schema} (Unity Catalog); null: the session's current catalog
 * @param schema the schema (database) the tables are registered in; null: path tables
 */
public record OutputConfig(String path, String catalog, String schema) implements Serializable {
    /** A schema or catalog name: letters, digits, {@code _} and {@code -} (quoted in every SQL). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    static final Key<String> PATH = Key.of(
            "path",
            "a directory or URI, without credentials in it",
            "./vigil-output",
            "where the Delta tables are written, one directory per table (--output overrides it); with"
                    + " schema: the location of the external tables (path/<table>); required in an output"
                    + " section without schema",
            (s, k) -> s.requiredString(k, "a directory or URI for the Delta tables"));

    static final Key<String> SCHEMA_NAME = Key.of(
            "schema",
            "a schema (database) name: letters, digits, _ or -",
            null,
            "register every table as a Delta table of this schema of the session catalog (Unity Catalog,"
                    + " Glue, a Hive metastore), read and written by name; without path the tables are"
                    + " managed; the schema is created when missing",
            (s, k) -> identifier(s, k, "a schema name"));

    static final Key<String> CATALOG = Key.of(
            "catalog",
            "a catalog name: letters, digits, _ or -",
            null,
            "the catalog of schema (Unity Catalog, e.g. main); default: the session's current catalog",
            (s, k) -> identifier(s, k, "a catalog name"));

    static final Schema SCHEMA = Schema.of(
            "output",
            "where the results go: Delta tables under a path, or tables of a catalog schema (managed, or external"
                    + " under path); see docs/operations.md, Catalog tables",
            PATH,
            SCHEMA_NAME,
            CATALOG);

    /** Without an output section: {@code ./vigil-output}. */
    static OutputConfig defaults() {
        return at(PATH.defaultValue());
    }

    /** Path tables under {@code dir} ({@code --output DIR}). */
    public static OutputConfig at(String dir) {
        return new OutputConfig(dir, null, null);
    }

    /** Whether the tables are registered in the catalog (output.schema is set). */
    public boolean inCatalog() {
        return schema != null;
    }

    /** The output directory without a trailing slash; null for managed catalog tables. */
    public String directory() {
        return path == null ? null : path.replaceAll("/+$", "");
    }

    /**
     * Where one table's data lives: {@code path/<table>}; null for a managed table (the catalog
     * decides).
     */
    public String tablePath(String table) {
        return path == null ? null : directory() + "/" + table;
    }

    /** The schema as SQL names it: {@code `catalog`.`schema`} (quoted), or {@code `schema`}. */
    public String sqlSchema() {
        return (catalog == null ? "" : Sql.quote(catalog) + ".") + Sql.quote(schema);
    }

    /** A catalog table of the schema as SQL names it: {@code `catalog`.`schema`.`table`}. */
    public String sqlName(String table) {
        return sqlSchema() + "." + Sql.quote(table);
    }

    /**
     * Where the tables are, for people: the directory, or {@code catalog.schema} (with the external
     * tables' location).
     */
    public String describe() {
        if (!inCatalog()) {
            return Secrets.redact(directory());
        }
        String name = (catalog == null ? "" : catalog + ".") + schema;
        return path == null ? "schema " + name : "schema " + name + " (data under " + Secrets.redact(directory()) + ")";
    }

    /** Where one table is, for people: its directory, or {@code catalog.schema.table}. */
    public String describe(String table) {
        return inCatalog()
                ? (catalog == null ? "" : catalog + ".") + schema + "." + table
                : Secrets.redact(tablePath(table));
    }

    /**
     * Reads the section: a path, a schema (with an optional catalog), or both; credentials in the path
     * are refused.
     */
    static OutputConfig parse(Section o) {
        SCHEMA.check(o);
        String path = o.has(PATH.name()) ? PATH.reader().read(o, PATH.name()) : null;
        String schema = SCHEMA_NAME.read(o);
        String catalog = CATALOG.read(o);
        if (path == null && schema == null) {
            throw Errors.missingKey(
                    PATH.in(o),
                    "a directory or URI for the Delta tables, or " + SCHEMA_NAME.in(o) + " for tables in a catalog");
        }
        if (catalog != null && schema == null) {
            throw Errors.missingKey(SCHEMA_NAME.in(o), "the schema of " + CATALOG.in(o) + " to register the tables in");
        }
        if (path != null && Secrets.hasUrlCredentials(path)) {
            throw Errors.badValue(
                    PATH.in(o),
                    Secrets.redact(path),
                    "a directory or URI without credentials"
                            + " in it (give them as Spark/Hadoop settings, e.g. spark.hadoop.fs.s3a.secret.key)");
        }
        return new OutputConfig(path, catalog, schema);
    }

    private static String identifier(Section s, String k, String what) {
        String name = s.string(k, null);
        if (name == null) {
            throw Errors.missingKey(s.key(k), what);
        }
        String problem = problem(name, CATALOG.in(s));
        if (problem != null) {
            throw Errors.badValue(s.key(k), name, what + " (" + problem + ")");
        }
        return name;
    }

    /** What is wrong with a catalog or schema name; null when nothing is. */
    private static String problem(String name, String catalogKey) {
        if (name.contains(".")) {
            return "one name without dots; give the catalog as " + catalogKey;
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            return "letters, digits, _ or - only, not starting with -";
        }
        return null;
    }
}
