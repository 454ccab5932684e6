package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls every SQL statement out of the notebooks and the views file, failing loudly on anything it
 * cannot extract (so a query can never silently escape the tests).
 */
public final class SqlFiles {
    static final String PLACEHOLDER = "${output}";
    private static final Pattern SPARK_SQL = Pattern.compile("spark\\.sql\\(\\s*\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

    private SqlFiles() {}

    /** Databricks source format: %sql cells and spark.sql("""...""") in Python cells. */
    static List<String> databricks(String source) {
        assertThat(source).startsWith("# Databricks notebook source\n");
        String body = source.substring("# Databricks notebook source\n".length());
        List<String> out = new ArrayList<>();
        for (String cell : body.split("\n# COMMAND ----------\n", -1)) {
            String c = cell.strip();
            assertThat(c).as("an empty cell").isNotEmpty();
            List<String> lines = c.lines().toList();
            if (lines.get(0).startsWith("# MAGIC %")) {
                List<String> text = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    assertThat(line).as("a magic cell line").matches("# MAGIC( .*)?");
                    text.add(line.length() > 8 ? line.substring(8) : "");
                }
                String magic = lines.get(0).substring("# MAGIC ".length()).strip();
                assertThat(magic).as("cell magic").isIn("%sql", "%md");
                if (magic.equals("%sql")) {
                    out.addAll(statements(String.join("\n", text), "%sql cell"));
                } else {
                    assertThat(String.join("\n", text))
                            .as("a markdown cell holds no SQL")
                            .doesNotContainIgnoringCase("select ");
                }
            } else {
                out.addAll(pythonSql(c, "python cell"));
            }
        }
        assertThat(out).as("SQL statements in the Databricks notebook").isNotEmpty();
        return out;
    }

    /** Jupyter (nbformat 4): spark.sql("""...""") in code cells and %%sql cells. */
    static List<String> jupyter(String json) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(json);
        assertThat(nb.path("nbformat").asInt()).isEqualTo(4);
        assertThat(nb.path("metadata").isObject()).isTrue();
        assertThat(nb.path("cells").isArray()).isTrue();
        List<String> out = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            String type = cell.path("cell_type").asText();
            assertThat(type).isIn("code", "markdown", "raw");
            assertThat(cell.path("metadata").isObject()).as("cell metadata").isTrue();
            StringBuilder src = new StringBuilder();
            if (cell.path("source").isArray()) {
                cell.path("source").forEach(s -> src.append(s.asText()));
            } else {
                assertThat(cell.path("source").isTextual()).as("cell source").isTrue();
                src.append(cell.path("source").asText());
            }
            if (!type.equals("code")) {
                continue;
            }
            assertThat(cell.path("outputs").isArray()).as("code cell outputs").isTrue();
            assertThat(cell.has("execution_count"))
                    .as("code cell execution_count")
                    .isTrue();
            String s = src.toString();
            if (s.startsWith("%%sql")) {
                out.addAll(statements(s.substring(s.indexOf('\n') + 1), "%%sql cell"));
            } else {
                out.addAll(pythonSql(s, "code cell"));
            }
        }
        assertThat(out).as("SQL statements in the Jupyter notebook").isNotEmpty();
        return out;
    }

    /**
     * Every spark.sql( call must be a plain triple-quoted string (no f-string, no variable): all
     * extracted.
     */
    static List<String> pythonSql(String code, String what) {
        int calls = code.split("spark\\.sql\\(", -1).length - 1;
        List<String> out = new ArrayList<>();
        Matcher m = SPARK_SQL.matcher(code);
        while (m.find()) {
            out.addAll(statements(m.group(1), what));
        }
        assertThat(out.size())
                .as(what + ": every spark.sql(...) is a plain \"\"\"...\"\"\" string\n" + code)
                .isEqualTo(calls);
        return out;
    }

    /** A SQL script: -- comment lines dropped, statements split at a semicolon ending a line. */
    public static List<String> statements(String script, String what) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.lines().toList()) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : sb.toString().split(";\\s*\n", -1)) {
            if (!s.isBlank()) {
                assertThat(s).as(what + ": one statement per ';'").doesNotContain(";");
                out.add(s.strip());
            }
        }
        assertThat(out).as(what).isNotEmpty();
        return out;
    }

    /** The one placeholder convention: tables are delta.`${output}/<table>`, nothing else is a placeholder. */
    static void assertPlaceholders(String sql, Set<String> tables) {
        Matcher refs = Pattern.compile("\\$\\{[^}]*}").matcher(sql);
        while (refs.find()) {
            assertThat(refs.group()).as(sql).isEqualTo(PLACEHOLDER);
        }
        Matcher t = Pattern.compile("delta\\.`\\$\\{output}/([a-z_]+)`").matcher(sql);
        int n = 0;
        while (t.find()) {
            assertThat(t.group(1)).isIn(tables);
            n++;
        }
        assertThat(n)
                .as("delta.`${output}/<table>` references in\n" + sql)
                .isEqualTo(sql.split("\\$\\{output}", -1).length - 1);
    }
}
