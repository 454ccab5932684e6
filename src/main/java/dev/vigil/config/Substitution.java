package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every text value of the tree with {@code {{run_date}}} and its parts templated, then {@code
 * ${ENV}} replaced from the environment (an unset variable is an error naming it and the key; {@code
 * $${ENV}} is the literal {@code ${ENV}});
 * remembers the values of variables whose names look secret.
 */
final class Substitution {
    /** {@code ${NAME}}, or {@code $${NAME}}: the literal text {@code ${NAME}} (a column so named). */
    private static final Pattern ENV = Pattern.compile("(\\$?)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * {@code {{run_date}}}, {@code {{ year }}} ...: the run date's parts (NannyML's CLI templating).
     */
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    static final List<String> TEMPLATE_NAMES = List.of("run_date", "year", "month", "day");

    private final Function<String, String> env;
    private final LocalDate runDate;

    /** Values substituted from environment variables whose names look secret. */
    private final List<String> secretEnvValues = new ArrayList<>();

    /**
     * @param runDate the date the placeholders resolve to; null = today (UTC)
     */
    Substitution(Function<String, String> env, LocalDate runDate) {
        this.env = env;
        this.runDate = runDate;
    }

    /** The values substituted from environment variables whose names look secret, so far. */
    List<String> secretEnvValues() {
        return List.copyOf(secretEnvValues);
    }

    /** A copy of {@code node} (at key path {@code path}) with every text value substituted. */
    JsonNode substitute(JsonNode node, String path) {
        if (node.isTextual()) {
            node = template(node, path);
            Matcher m = ENV.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            boolean any = false;
            while (m.find()) {
                any = true;
                if (!m.group(1).isEmpty()) {
                    m.appendReplacement(out, Matcher.quoteReplacement("${" + m.group(2) + "}"));
                    continue;
                }
                String value = env.apply(m.group(2));
                if (value == null) {
                    throw Errors.unsetEnv(m.group(2), path);
                }
                if (Secrets.looksSecret(m.group(2))) {
                    secretEnvValues.add(value);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            if (!any) {
                return node;
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields()
                    .forEachRemaining(e ->
                            copy.set(e.getKey(), substitute(e.getValue(), Section.join(path, e.getKey()))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    /**
     * Replaces {@code {{run_date}}} (yyyy-MM-dd), {@code {{year}}}, {@code {{month}}}, {@code
     * {{day}}} (zero-padded).
     */
    private JsonNode template(JsonNode node, String path) {
        Matcher m = TEMPLATE.matcher(node.asText());
        if (!m.find()) {
            return node;
        }
        LocalDate date = runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        do {
            String value = switch (m.group(1)) {
                case "run_date" -> date.toString();
                case "year" -> String.format("%04d", date.getYear());
                case "month" -> String.format("%02d", date.getMonthValue());
                case "day" -> String.format("%02d", date.getDayOfMonth());
                default ->
                    throw Errors.badValue(
                            path,
                            node.asText(),
                            "placeholders among "
                                    + TEMPLATE_NAMES.stream()
                                            .map(n -> "{{" + n + "}}")
                                            .toList());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        } while (m.find());
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }
}
