package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.internal.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * What is kept of the resolved tree (after overrides and substitution): the secrets in it, its
 * masked text for {@code runs.config}, and the fit key.
 */
final class ResolvedYaml {
    private ResolvedYaml() {}

    /**
     * Every text value under a secret-looking key, after {@code known} (e.g. values of secret
     * environment variables).
     */
    static List<String> secrets(JsonNode tree, List<String> known) {
        List<String> out = new ArrayList<>(known);
        collectSecrets(tree, false, out);
        return out;
    }

    private static void collectSecrets(JsonNode node, boolean secret, List<String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> collectSecrets(e.getValue(), secret || Secrets.looksSecret(e.getKey()), out));
        } else if (node.isArray()) {
            node.forEach(n -> collectSecrets(n, secret, out));
        } else if (secret && node.isValueNode() && !node.isNull()) {
            out.add(node.asText());
        }
    }

    /**
     * The resolved YAML with every value under a secret-looking key replaced by {@code ***}, and
     * every other value redacted ({@link Secrets#redact}: secret environment values, URL credentials,
     * tokens in query strings).
     */
    static String masked(JsonNode tree) {
        JsonNode copy = maskNode(tree, false);
        try {
            return YamlText.YAML.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            return "<unprintable>";
        }
    }

    private static JsonNode maskNode(JsonNode node, boolean secret) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields()
                    .forEachRemaining(e ->
                            copy.set(e.getKey(), maskNode(e.getValue(), secret || Secrets.looksSecret(e.getKey()))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(maskNode(n, secret)));
            return copy;
        }
        if (secret && !node.isNull()) {
            return TextNode.valueOf(Secrets.MASK);
        }
        return node.isTextual() ? TextNode.valueOf(Secrets.redact(node.asText())) : node;
    }

    /**
     * The resolved configuration of everything a fit depends on (the reference, columns, chunking,
     * calculators, thresholds), as canonical JSON: part of a stored reference profile's fingerprint.
     * Not stored itself.
     */
    static String fitKey(JsonNode tree) {
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        copy.remove(MonitorConfig.NOT_FITTED);
        // which stored profile a run uses does not change what a fit learns
        if (copy.get(MonitorConfig.REFERENCE.name()) instanceof ObjectNode reference) {
            reference.remove(ProfilePin.KEY.name());
        }
        return copy.toString();
    }

    /**
     * The fit key without the reference's section (where the reference is and how it is read): what
     * a stored profile's configuration fingerprint covers, so a run that cannot read the reference
     * can still find the profile fitted with this configuration.
     */
    static String configurationKey(String fitKey) {
        try {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(fitKey);
            tree.remove(MonitorConfig.REFERENCE.name());
            return tree.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the fit key is not JSON", e);
        }
    }
}
