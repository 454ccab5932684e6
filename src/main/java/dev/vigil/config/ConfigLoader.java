package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a monitor's YAML into a {@link MonitorConfig}, top to bottom: the text ({@link YamlText}),
 * {@code --set key=value} overrides ({@link Overrides}), {@code ${ENV}} substitution and {@code
 * {{run_date}}} templating ({@link Substitution}), the secrets, the masked text and the fit key
 * ({@link ResolvedYaml}), then the records, each section by its record's parse with strict keys (an
 * unknown key is an error naming it) and NannyML's defaults ({@link MonitorConfig#parse}).
 */
public final class ConfigLoader {

    /** The placeholders of {@code {{...}}} templating. */
    public static final List<String> TEMPLATE_NAMES = Substitution.TEMPLATE_NAMES;

    private final Function<String, String> env;
    private final LocalDate runDate;
    private final String outputPath;

    public ConfigLoader(Function<String, String> env) {
        this(env, null);
    }

    /**
     * @param runDate the date {@code {{run_date}}} and its parts resolve to, and chunks are complete
     *     by; null = today
     */
    public ConfigLoader(Function<String, String> env, LocalDate runDate) {
        this(env, runDate, null);
    }

    private ConfigLoader(Function<String, String> env, LocalDate runDate, String outputPath) {
        this.env = env;
        this.runDate = runDate;
        this.outputPath = outputPath;
    }

    /** This loader with the run date set (templating and chunk completeness). */
    public ConfigLoader withRunDate(LocalDate date) {
        return new ConfigLoader(env, date, outputPath);
    }

    /**
     * This loader with {@code output.path} replaced by {@code path} ({@code --output}; null: as
     * configured), in the configuration and in the resolved YAML a run records.
     */
    public ConfigLoader withOutputPath(String path) {
        return new ConfigLoader(env, runDate, path);
    }

    public static ConfigLoader withSystemEnv() {
        return new ConfigLoader(System::getenv);
    }

    public MonitorConfig load(Path file, List<String> overrides) {
        return parse(YamlText.read(file), file.toString(), overrides);
    }

    public MonitorConfig parse(String yaml, String source, List<String> overrides) {
        ObjectNode tree = YamlText.mapping(yaml, source);
        Overrides.apply(tree, overrides);
        Substitution substitution = new Substitution(env, runDate);
        JsonNode substituted = substitution.substitute(tree, "");
        if (outputPath != null) {
            // --output replaces output.path, so runs.config records the path the run really used
            // (an output that is not a mapping is left as it is, so reading it reports the mistake)
            ObjectNode root = (ObjectNode) substituted;
            JsonNode configured = root.get(MonitorConfig.OUTPUT.name());
            if (configured == null || configured.isNull()) {
                root.putObject(MonitorConfig.OUTPUT.name()).put(OutputConfig.PATH.name(), outputPath);
            } else if (configured instanceof ObjectNode o) {
                o.put(OutputConfig.PATH.name(), outputPath);
            }
        }
        Secrets.install(ResolvedYaml.secrets(substituted, substitution.secretEnvValues()));
        String masked = ResolvedYaml.masked(substituted);
        try {
            return MonitorConfig.parse(new Section("", substituted), masked, runDate, ResolvedYaml.fitKey(substituted));
        } catch (UserException e) {
            throw withRunTarget(e, substituted, masked);
        }
    }

    /**
     * {@code e} as a {@link ConfigFailure} when the configuration's {@code monitor} and {@code
     * output} can be read on their own (so a failed run can be recorded there), else {@code e}.
     */
    private static UserException withRunTarget(UserException e, JsonNode root, String masked) {
        try {
            Section top = new Section("", root);
            String monitor = MonitorConfig.MONITOR.read(top);
            OutputConfig output = MonitorConfig.OUTPUT.read(top);
            return new ConfigFailure(e, monitor, output, masked);
        } catch (RuntimeException unreadable) {
            return e;
        }
    }
}
