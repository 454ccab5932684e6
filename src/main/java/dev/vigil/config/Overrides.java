package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.internal.UserException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --set key=value}: the value (read as YAML, else as text) replaces the key in the tree,
 * creating the mappings on its path; reader option names and threshold keys keep their dots.
 */
final class Overrides {
    private Overrides() {}

    /** The chunking modes: setting one replaces the file's mode. */
    private static final List<String> CHUNKING_MODES = List.of("size", "number", "period");

    static void apply(ObjectNode tree, List<String> overrides) {
        for (String o : overrides) {
            apply(tree, o);
        }
    }

    private static void apply(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new UserException("--set '" + override + "': expected key=value, e.g. --set chunking.size=5000");
        }
        String key = override.substring(0, eq).trim();
        JsonNode value = value(override.substring(eq + 1));
        List<String> parts = parts(key);
        ObjectNode node = tree;
        if (parts.size() == 2
                && parts.get(0).equals("chunking")
                && CHUNKING_MODES.contains(parts.get(1))
                && tree.get("chunking") instanceof ObjectNode chunking) {
            // an override of the chunking mode replaces the mode in the file
            chunking.remove(CHUNKING_MODES);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            JsonNode child = node.get(parts.get(i));
            if (child == null || !child.isObject()) {
                child = node.putObject(parts.get(i));
            }
            node = (ObjectNode) child;
        }
        node.set(parts.get(parts.size() - 1), value);
    }

    /** The value as YAML (a number, a list, ...), or as text when it does not read as YAML. */
    private static JsonNode value(String raw) {
        JsonNode value;
        try {
            value = raw.isEmpty() ? TextNode.valueOf("") : YamlText.YAML.readTree(raw);
            if (value == null || value.isMissingNode()) {
                value = TextNode.valueOf(raw);
            }
        } catch (JsonProcessingException e) {
            value = TextNode.valueOf(raw);
        }
        return value;
    }

    /** The key's path, with the names that contain dots themselves kept whole. */
    private static List<String> parts(String key) {
        List<String> parts = new ArrayList<>(List.of(key.split("\\.")));
        if (parts.size() > 3 && parts.get(1).equals("options")) {
            // reader option names contain dots themselves: analysis.options.fs.s3a.secret.key=...
            String name = String.join(".", parts.subList(2, parts.size()));
            parts.subList(2, parts.size()).clear();
            parts.add(name);
        }
        if (parts.size() > 2 && parts.get(0).equals("thresholds")) {
            // threshold keys contain a dot themselves: thresholds.<calculator>.<metric>.<field>
            String name = parts.get(1) + "." + parts.get(2);
            parts.subList(1, 3).clear();
            parts.add(1, name);
        }
        return parts;
    }
}
