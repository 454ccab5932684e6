package dev.vigil.results;

import dev.vigil.config.OutputConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BI views of {@code sql/views.sql} in the output's schema, over its catalog tables: the file's
 * statements with {@code delta.`${output}/<table>`} replaced by the catalog table and every view
 * name qualified with the schema. A run with {@code output.schema} creates the views that are
 * missing ({@link #createMissing}); {@code vigil views} creates or replaces them all ({@link
 * #createOrReplace}), e.g. after an upgrade changed a view.
 */
public final class BiViews {
    private static final Logger LOG = LoggerFactory.getLogger(BiViews.class);

    /** The views file, on the classpath (packaged from the repository's {@code sql/views.sql}). */
    static final String RESOURCE = "sql/views.sql";

    private static final Pattern VIEW = Pattern.compile("^CREATE OR REPLACE VIEW (\\w+) AS\\b");
    private static final Pattern TABLE = Pattern.compile("delta\\.`\\$\\{output\\}/(\\w+)`");

    private BiViews() {}

    /** The views' statements by view name, in the file's order (a view may use the ones before it). */
    static Map<String, String> statements(String file) {
        StringBuilder text = new StringBuilder();
        for (String line : file.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : text.toString().split(";\\s*\n")) {
            String statement = s.strip();
            if (statement.isEmpty()) {
                continue;
            }
            Matcher m = VIEW.matcher(statement);
            if (!m.find()) {
                throw new IllegalStateException(RESOURCE + ": not a CREATE OR REPLACE VIEW statement: " + statement);
            }
            out.put(m.group(1), statement);
        }
        return out;
    }

    /**
     * The statements for the output's schema: each table path replaced by the catalog table, each
     * view name qualified.
     */
    static Map<String, String> inSchema(String file, OutputConfig output) {
        Map<String, String> views = statements(file);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : views.entrySet()) {
            Matcher t = TABLE.matcher(e.getValue());
            StringBuilder sql = new StringBuilder();
            while (t.find()) {
                OutputTable table = OutputTables.find(t.group(1))
                        .orElseThrow(
                                () -> new IllegalStateException(RESOURCE + " reads an unknown table: " + t.group()));
                t.appendReplacement(sql, Matcher.quoteReplacement(output.sqlName(table.name())));
            }
            t.appendTail(sql);
            String statement = sql.toString();
            for (String view : views.keySet()) {
                statement = statement.replaceAll(
                        "(?<![\\w.`])" + view + "(?![\\w`])", Matcher.quoteReplacement(output.sqlName(view)));
            }
            if (statement.contains("${")) {
                throw new IllegalStateException(RESOURCE + ": a placeholder is left in " + statement);
            }
            out.put(e.getKey(), statement);
        }
        return out;
    }

    /** The views file as packaged. */
    static String file() {
        try (InputStream in = BiViews.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The views' names, in the file's order. */
    public static List<String> names() {
        return List.copyOf(statements(file()).keySet());
    }

    /**
     * Creates or replaces every view in the output's schema (which must hold the tables: after a
     * run); returns their names as people read them.
     */
    public static List<String> createOrReplace(DeltaTables tables) {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, String> e : inSchema(file(), tables.config()).entrySet()) {
            tables.spark().sql(e.getValue());
            created.add(tables.config().describe(e.getKey()));
        }
        return created;
    }

    /**
     * After a run with catalog tables: creates the views that do not exist yet, never replacing one.
     * Never fails the run (its results are written): a view that cannot be created is a warning
     * saying how to create it.
     */
    public static void createMissing(DeltaTables tables) {
        if (!tables.inCatalog()) {
            return;
        }
        try {
            for (Map.Entry<String, String> e : inSchema(file(), tables.config()).entrySet()) {
                String name = tables.config().sqlName(e.getKey());
                if (tables.spark().catalog().tableExists(name)) {
                    continue;
                }
                String sql = e.getValue().replaceFirst("^CREATE OR REPLACE VIEW ", "CREATE VIEW IF NOT EXISTS ");
                try {
                    tables.spark().sql(sql);
                    LOG.info("created the view {}", tables.config().describe(e.getKey()));
                } catch (Exception failed) { // Spark's AnalysisException is checked, thrown undeclared
                    if (!tables.spark().catalog().tableExists(name)) {
                        throw DeltaTables.rethrown(failed);
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn(
                    "could not create the BI views in {} ({}); create them with 'vigil views --config ...'",
                    tables.describe(),
                    e.getMessage());
        }
    }
}
