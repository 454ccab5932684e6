package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule (docs/architecture.md): the calculator layer is plain Java. Spark (and Scala)
 * appear only in reading, chunking, scanning, writing, the pipeline, the CLI and the MLlib adapter
 * ({@code dev.vigil.ml}); the calculator layer never imports from those packages either, so it can
 * be built and tested without Spark.
 */
class ArchitectureTest {
    /** Packages that hold statistics, calculators and configuration: no Spark. */
    static final List<String> SPARK_FREE = List.of(
            "calculators",
            "config",
            "drift",
            "multivariate",
            "performance",
            "quality",
            "stats",
            "thresholds",
            "internal");

    /** Packages that may use Spark; the Spark-free layer must not depend on them. */
    static final List<String> SPARK_SIDE = List.of(
            "alerts",
            "bench",
            "chunking",
            "cli",
            "generate",
            "io",
            "ml",
            "pipeline",
            "profile",
            "report",
            "results",
            "scan");

    private static final Path MAIN = Path.of("src/main/java/dev/vigil");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void everyPackageIsOnOneSideOfTheRule() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(p -> !SPARK_FREE.contains(p) && !SPARK_SIDE.contains(p))
                    .forEach(unknown::add);
        }
        assertThat(unknown).as("packages not classified in ArchitectureTest").isEmpty();
    }

    @Test
    void theCalculatorLayerUsesNeitherSparkNorTheSparkSide() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : SPARK_FREE) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        String imported = m.group(1);
                        if (forbidden(imported)) {
                            violations.add(MAIN.relativize(f) + " imports " + imported);
                        }
                    }
                    // fully qualified names in code (not in comments)
                    for (String line : text.split("\n")) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        Matcher q = Pattern.compile("\\b(org\\.apache\\.spark|scala)\\.[\\w.]+")
                                .matcher(code);
                        if (q.find() && !code.startsWith("import")) {
                            violations.add(MAIN.relativize(f) + " uses " + q.group());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static boolean forbidden(String imported) {
        if (imported.startsWith("org.apache.spark.") || imported.startsWith("scala.")) {
            return true;
        }
        for (String side : SPARK_SIDE) {
            if (imported.startsWith("dev.vigil." + side + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The one place that turns a column name into a Spark column (quoted). */
    static final Path COLUMN_NAMES = MAIN.resolve("io/ColumnNames.java");

    /**
     * Files (or folders) whose Spark SQL text is built from fixed names or from quoted ones ({@code
     * Sql.quote}, {@code Sql.literal}).
     */
    static final List<String> SQL_TEXT = List.of(
            "pipeline/Passes.java", // the calculators' derived columns, quoted by the calculators
            "results/", // the output tables: their own columns, and table names
            "profile/", // the output tables of production mode; DESCRIBE of the reference table
            "report/RankingsTable.java", // monitor = a literal (Sql.literal)
            "scan/Scanner.java"); // columns.slices: the user's own Spark SQL predicates, as written

    private static final Pattern CALL_ARGUMENT = Pattern.compile("(?<![\\w])(?:functions\\.|\\.)?col\\(\\s*([^)]*)");
    private static final Pattern FIXED_NAME = Pattern.compile("\"\"|(?:[A-Z]\\w*\\.)?[A-Z][A-Z0-9_]*");
    private static final Pattern SQL_CALL = Pattern.compile("(?<![\\w])(?:expr|selectExpr)\\(|\\.sql\\(");

    /** Source text without comments, with string literals emptied (their quotes kept). */
    static String code(String source) {
        return source.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ");
    }

    /**
     * A column name Spark parses ({@code functions.col}, {@code Dataset.col}) is a struct path and SQL
     * syntax: {@code col("home.dest")} reads the field dest of a struct home. So outside {@link
     * #COLUMN_NAMES} (dev.vigil.io.ColumnNames, which quotes) {@code col(...)} takes only a literal
     * or a constant — Vigil's own fixed names — and Spark SQL text is built only in the files that
     * quote what they put in it.
     */
    @Test
    void columnNamesBecomeSparkColumnsOnlyThroughColumnNames() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.equals(COLUMN_NAMES)) {
                    continue;
                }
                violations.addAll(columnNameViolations(MAIN.relativize(f).toString(), Files.readString(f)));
            }
        }
        assertThat(violations)
                .as("use dev.vigil.io.ColumnNames.column(name) (it quotes), or list the file in SQL_TEXT")
                .isEmpty();
    }

    static List<String> columnNameViolations(String name, String source) {
        List<String> out = new ArrayList<>();
        String code = code(source);
        Matcher m = CALL_ARGUMENT.matcher(code);
        while (m.find()) {
            String arg = m.group(1).strip();
            if (!FIXED_NAME.matcher(arg).matches()) {
                out.add(name + ": col(" + arg + ")");
            }
        }
        if (SQL_TEXT.stream().noneMatch(name::startsWith)
                && SQL_CALL.matcher(code).find()) {
            out.add(name + ": builds Spark SQL text (expr, selectExpr, sql)");
        }
        return out;
    }

    @Test
    void theColumnNameRuleSeesEveryKindOfCall() {
        assertThat(columnNameViolations(
                        "x/A.java",
                        "a(col(name)); b(functions.col(c)); c(df.col(id)); d(col(num(i))); e(expr(\"x\"));"))
                .hasSize(5);
        assertThat(columnNameViolations(
                        "x/A.java",
                        "a(col(\"monitor\")); b(col(CHUNK)); c(t.col(\"_target_id\")); d(col(Scanner.ROW));"
                                + " e(ColumnNames.column(name)); // col(name)\n f(\"col(name)\");"))
                .isEmpty();
        assertThat(columnNameViolations("results/DeltaMerge.java", "expr(keyCondition(key))"))
                .isEmpty();
    }
}
