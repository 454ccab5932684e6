package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the configuration reference (docs/configuration.md) from the declarations: every {@link
 * Schema} from the top level down (the general sections, each registered calculator's section and
 * the sections nested in them), each {@link Key} with what it takes, its default and what it does,
 * and the names the calculators accept ({@link CalculatorChoices}).
 */
public final class ConfigReference {
    private ConfigReference() {}

    /** The command that rewrites docs/configuration.md (ConfigReferenceTest checks it is current). */
    public static final String REGENERATE = "mvn -q -B test -Dtest=ConfigReferenceTest -Dvigil.docs.regenerate=true";

    /** Every section, the top level first, each followed by the sections nested in it. */
    public static List<Schema> sections() {
        List<Schema> out = new ArrayList<>();
        walk(MonitorConfig.SCHEMA, out);
        return out;
    }

    private static void walk(Schema s, List<Schema> out) {
        out.add(s);
        s.nested().forEach(n -> walk(n, out));
    }

    /** The Markdown of docs/configuration.md. */
    public static String render() {
        List<Schema> sections = sections();
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("<!-- Generated from the key declarations (config.Key, config.Schema) by")
                .append(" dev.vigil.config.ConfigReference; do not edit by hand. Regenerate with:\n     ")
                .append(REGENERATE)
                .append(" -->\n\n");
        md.append("""
        Every key of a monitor's YAML configuration, by section. An unknown key is an error naming \
        the closest valid one. `--set key=value` overrides any key (`--set chunking.size=5000`); \
        `${NAME}` in any value is replaced by the environment variable NAME (`$${NAME}` is the text `${NAME}`, as a column so named); `{{run_date}}`, \
        `{{year}}`, `{{month}}` and `{{day}}` by the parts of the run's date (`--run-date`). An \
        example: `conf/examples/demo.yaml`.

        """);
        for (Schema s : sections) {
            md.append("- [")
                    .append(title(s))
                    .append("](#")
                    .append(anchor(title(s)))
                    .append(")\n");
        }
        for (Schema s : sections) {
            section(md, s);
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Schema s) {
        md.append("\n## ")
                .append(title(s))
                .append("\n\n")
                .append(text(sentence(s.help())))
                .append(".\n\n");
        md.append("| key | takes | default | description |\n| --- | --- | --- | --- |\n");
        for (Key<?> k : s.keys()) {
            md.append("| `")
                    .append(k.name())
                    .append("` | ")
                    .append(text(k.takes()))
                    .append(" | ")
                    .append(defaultCell(k))
                    .append(" | ")
                    .append(text(k.help()))
                    .append(" |\n");
        }
        for (CalculatorType<?> type : Calculators.ALL) {
            if (s.path().equals("calculators." + type.name())) {
                names(md, "The names it accepts:", CalculatorChoices.of(type));
            }
        }
        if (s.path().equals(ThresholdConfig.SCHEMA.path())) {
            Map<String, Collection<String>> metrics = new LinkedHashMap<>();
            Calculators.ALL.forEach(t -> metrics.put(t.name(), CalculatorChoices.thresholdMetrics(t)));
            names(md, "The metrics each calculator's thresholds may name:", metrics);
        }
    }

    private static void names(StringBuilder md, String title, Map<String, Collection<String>> names) {
        md.append('\n').append(title).append("\n\n");
        names.forEach((k, v) -> md.append("- ")
                .append(text(k))
                .append(": ")
                .append(String.join(", ", v.stream().map(n -> "`" + n + "`").toList()))
                .append('\n'));
    }

    private static String defaultCell(Key<?> k) {
        String d = k.defaultText();
        if (k.required()) {
            return "**required**";
        }
        return d.isEmpty() || k.defaultValue() instanceof Record ? text(d) : "`" + d + "`";
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String title(Schema s) {
        return s.path().isEmpty() ? "Top level" : "`" + s.path() + "`";
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** Free text for a Markdown table cell: no HTML tags, pipes or emphasis by accident. */
    private static String text(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*");
    }
}
