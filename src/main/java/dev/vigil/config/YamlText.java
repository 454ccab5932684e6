package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a configuration's text: the file, then its YAML mapping (errors name file and line). */
final class YamlText {
    private YamlText() {}

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The file's text. */
    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Errors.unreadable("configuration file", file.toString(), "no such file");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw Errors.unreadable("configuration file", file.toString(), e.getMessage());
        }
    }

    /** The YAML mapping of {@code yaml}, read from {@code source} (for messages). */
    static ObjectNode mapping(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr();
            String why = e.getOriginalMessage() == null
                    ? ""
                    : e.getOriginalMessage().strip().split("\\R", 2)[0];
            throw new UserException("configuration file '" + source + "' is not valid YAML" + where + ": " + why);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new UserException("configuration file '"
                    + source
                    + "' is empty: expected a YAML mapping with 'monitor', 'reference' and 'analysis'");
        }
        if (!root.isObject()) {
            throw new UserException("configuration file '" + source + "' must be a YAML mapping of keys to values");
        }
        return (ObjectNode) root;
    }
}
