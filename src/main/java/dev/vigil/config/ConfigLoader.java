package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a monitor's YAML into a {@link MonitorConfig}: {@code ${ENV}} substitution, {@code --set
 * key=value} overrides, strict keys (an unknown key is an error naming it), NannyML's defaults.
 */
public final class ConfigLoader {

  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * {@code {{run_date}}}, {@code {{ year }}} ...: the run date's parts (NannyML's CLI templating).
   */
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

  public static final List<String> TEMPLATE_NAMES = List.of("run_date", "year", "month", "day");

  /**
   * Top-level keys that do not change what a fit learns from the reference (left out of {@link
   * MonitorConfig#fitKey}).
   */
  private static final List<String> NOT_FITTED =
      List.of("analysis", "targets", "output", "alerts", "incremental");

  private final Function<String, String> env;
  private final java.time.LocalDate runDate;

  /**
   * Values substituted from environment variables whose names look secret (filled by {@link
   * #substitute}).
   */
  private final List<String> secretEnvValues = new ArrayList<>();

  public ConfigLoader(Function<String, String> env) {
    this(env, null);
  }

  /**
   * @param runDate the date {@code {{run_date}}} and its parts resolve to, and chunks are complete
   *     by; null = today
   */
  public ConfigLoader(Function<String, String> env, java.time.LocalDate runDate) {
    this.env = env;
    this.runDate = runDate;
  }

  /** This loader with the run date set (templating and chunk completeness). */
  public ConfigLoader withRunDate(java.time.LocalDate date) {
    return new ConfigLoader(env, date);
  }

  public static ConfigLoader withSystemEnv() {
    return new ConfigLoader(System::getenv);
  }

  public MonitorConfig load(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw Errors.unreadable("configuration file", file.toString(), "no such file");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw Errors.unreadable("configuration file", file.toString(), e.getMessage());
    }
    return parse(text, file.toString(), overrides);
  }

  public MonitorConfig parse(String yaml, String source, List<String> overrides) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      String why =
          e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().split("\\R", 2)[0];
      throw new UserException(
          "configuration file '" + source + "' is not valid YAML" + where + ": " + why);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new UserException(
          "configuration file '"
              + source
              + "' is empty: expected a YAML mapping with 'monitor', 'reference' and 'analysis'");
    }
    if (!root.isObject()) {
      throw new UserException(
          "configuration file '" + source + "' must be a YAML mapping of keys to values");
    }
    ObjectNode tree = (ObjectNode) root;
    for (String o : overrides) {
      applyOverride(tree, o);
    }
    secretEnvValues.clear();
    JsonNode substituted = substitute(tree, "");
    List<String> secrets = new ArrayList<>(secretEnvValues);
    collectSecrets(substituted, false, secrets);
    Secrets.install(secrets);
    return build(new Section("", substituted), masked(substituted), fitKey(substituted));
  }

  // ---- overrides and substitution ----

  private static void applyOverride(ObjectNode tree, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new UserException(
          "--set '" + override + "': expected key=value, e.g. --set chunking.size=5000");
    }
    String key = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? TextNode.valueOf("") : YAML.readTree(raw);
      if (value == null || value.isMissingNode()) {
        value = TextNode.valueOf(raw);
      }
    } catch (JsonProcessingException e) {
      value = TextNode.valueOf(raw);
    }
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
    ObjectNode node = tree;
    if (parts.size() == 2
        && parts.get(0).equals("chunking")
        && List.of("size", "number", "period").contains(parts.get(1))
        && tree.get("chunking") instanceof ObjectNode chunking) {
      // an override of the chunking mode replaces the mode in the file
      chunking.remove(List.of("size", "number", "period"));
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

  private JsonNode substitute(JsonNode node, String path) {
    if (node.isTextual()) {
      node = template(node, path);
      Matcher m = ENV.matcher(node.asText());
      StringBuilder out = new StringBuilder();
      boolean any = false;
      while (m.find()) {
        any = true;
        String value = env.apply(m.group(1));
        if (value == null) {
          throw Errors.unsetEnv(m.group(1), path);
        }
        if (Secrets.looksSecret(m.group(1))) {
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
          .forEachRemaining(
              e -> copy.set(e.getKey(), substitute(e.getValue(), join(path, e.getKey()))));
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
    java.time.LocalDate date =
        runDate != null ? runDate : java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    StringBuilder out = new StringBuilder();
    do {
      String value =
          switch (m.group(1)) {
            case "run_date" -> date.toString();
            case "year" -> String.format("%04d", date.getYear());
            case "month" -> String.format("%02d", date.getMonthValue());
            case "day" -> String.format("%02d", date.getDayOfMonth());
            default ->
                throw Errors.badValue(
                    path,
                    node.asText(),
                    "placeholders among "
                        + TEMPLATE_NAMES.stream().map(n -> "{{" + n + "}}").toList());
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    } while (m.find());
    m.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  /**
   * The resolved configuration of everything a fit depends on (the reference, columns, chunking,
   * calculators, thresholds), as canonical JSON: part of a stored reference profile's fingerprint.
   * Not stored itself.
   */
  private static String fitKey(JsonNode tree) {
    ObjectNode copy = ((ObjectNode) tree).deepCopy();
    copy.remove(NOT_FITTED);
    return copy.toString();
  }

  /** Every text value under a secret-looking key. */
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
  private static String masked(JsonNode tree) {
    JsonNode copy = maskNode(tree, false);
    try {
      return YAML.writeValueAsString(copy);
    } catch (JsonProcessingException e) {
      return "<unprintable>";
    }
  }

  private static JsonNode maskNode(JsonNode node, boolean secret) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              e ->
                  copy.set(
                      e.getKey(),
                      maskNode(e.getValue(), secret || Secrets.looksSecret(e.getKey()))));
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

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  // ---- building the records ----

  private MonitorConfig build(Section root, String resolvedYaml, String fitKey) {
    root.allow(
        "monitor",
        "problem_type",
        "reference",
        "analysis",
        "targets",
        "columns",
        "chunking",
        "calculators",
        "thresholds",
        "output",
        "alerts",
        "incremental");
    String monitor =
        root.requiredString("monitor", "the name of the monitored model, e.g. monitor: car_loan");
    ProblemType problemType =
        root.enumValue("problem_type", ProblemType.class, ProblemType.BINARY_CLASSIFICATION);
    InputSpec reference =
        input(root.requiredSection("reference", "{path: ..., format: ...} or {table: ...}"));
    InputSpec analysis =
        input(root.requiredSection("analysis", "{path: ..., format: ...} or {table: ...}"));
    TargetsSpec targets = null;
    if (root.has("targets")) {
      Section t = root.section("targets");
      targets = new TargetsSpec(input(t, "join_on"), t.string("join_on", null));
    }
    ColumnsConfig columns =
        columns(
            root.has("columns") ? root.section("columns") : Section.empty("columns"), problemType);
    if (targets != null && targets.joinOn() == null && columns.id() == null) {
      throw Errors.missingKey(
          "targets.join_on", "the id column to join targets on (or set columns.id)");
    }
    if (targets != null && targets.joinOn() == null) {
      targets = new TargetsSpec(targets.input(), columns.id());
    }
    ChunkingConfig chunking = chunking(root.has("chunking") ? root.section("chunking") : null);
    if (chunking.kind() == ChunkingConfig.Kind.PERIOD && columns.timestamp() == null) {
      throw Errors.missingKey(
          "columns.timestamp", "the timestamp column, because chunking.period needs one");
    }
    Map<String, Object> calculators =
        calculators(
            root.has("calculators") ? root.section("calculators") : null,
            new CalculatorType.Context(problemType, columns));
    Map<String, ThresholdConfig> thresholds =
        thresholds(root.has("thresholds") ? root.section("thresholds") : null, problemType);
    OutputConfig output = new OutputConfig("./vigil-output");
    if (root.has("output")) {
      Section o = root.section("output");
      o.allow("path");
      output =
          new OutputConfig(o.requiredString("path", "a directory or URI for the Delta tables"));
      if (Secrets.hasUrlCredentials(output.path())) {
        throw Errors.badValue(
            "output.path",
            Secrets.redact(output.path()),
            "a directory or URI without credentials"
                + " in it (give them as Spark/Hadoop settings, e.g. spark.hadoop.fs.s3a.secret.key)");
      }
    }
    AlertsConfig alerts = AlertsConfig.none();
    if (root.has("alerts")) {
      Section a = root.section("alerts");
      a.allow("webhook", "slack", "timeout_seconds", "attempts");
      String webhook = a.has("webhook") ? urlOf(a.section("webhook")) : null;
      String slack = a.has("slack") ? urlOf(a.section("slack")) : null;
      alerts =
          new AlertsConfig(
              webhook,
              slack,
              a.has("timeout_seconds")
                  ? a.positiveInt("timeout_seconds")
                  : AlertsConfig.DEFAULT_TIMEOUT_SECONDS,
              a.has("attempts") ? a.positiveInt("attempts") : AlertsConfig.DEFAULT_ATTEMPTS);
    }
    boolean incremental = root.bool("incremental", false);
    if (incremental && chunking.kind() != ChunkingConfig.Kind.PERIOD) {
      throw Errors.badValue(
          "incremental",
          "true",
          "incremental runs with period chunking (chunking: {period: day}, ...);"
              + " size and number chunks are positions in the whole analysis table, which one partition cannot give");
    }
    if (incremental && analysis.isTable()) {
      throw Errors.badValue(
          "analysis.table",
          analysis.table(),
          "analysis.path with incremental: true (a path per run,"
              + " e.g. data/analysis/date={{run_date}}), so each run reads only its new partition");
    }
    MonitorConfig config =
        new MonitorConfig(
            monitor,
            problemType,
            reference,
            analysis,
            targets,
            columns,
            chunking,
            calculators,
            thresholds,
            output,
            alerts,
            resolvedYaml,
            incremental,
            runDate,
            fitKey);
    for (CalculatorType<?> type : Calculators.ALL) {
      check(type, config);
    }
    return config;
  }

  private static String urlOf(Section s) {
    s.allow("url");
    String url = s.requiredString("url", "an http(s) URL");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw Errors.badValue(s.path + ".url", "***", "an http:// or https:// URL");
    }
    return url;
  }

  private static InputSpec input(Section s, String... extra) {
    List<String> allowed = new ArrayList<>(List.of("path", "format", "table", "options"));
    allowed.addAll(List.of(extra));
    s.allow(allowed.toArray(String[]::new));
    String path = s.string("path", null);
    String table = s.string("table", null);
    if ((path == null) == (table == null)) {
      throw new UserException(
          "configuration key '"
              + s.path
              + "': expected exactly one of 'path' (with 'format') or 'table'");
    }
    String format = s.string("format", null);
    if (path != null) {
      if (format == null) {
        format = guessFormat(path);
        if (format == null) {
          throw Errors.missingKey(
              s.path + ".format", "one of " + InputSpec.FORMATS.stream().sorted().toList());
        }
      }
      format = format.toLowerCase(java.util.Locale.ROOT);
      if (!InputSpec.FORMATS.contains(format)) {
        throw Errors.unknownName(s.path + ".format", format, InputSpec.FORMATS);
      }
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (s.has("options")) {
      Section o = s.section("options");
      o.node
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isValueNode()) {
                  throw Errors.badValue(
                      o.path + "." + e.getKey(),
                      e.getValue().toString(),
                      "a plain value (string, number or boolean)");
                }
                options.put(e.getKey(), e.getValue().asText());
              });
    }
    return new InputSpec(s.path, path, table, format, Map.copyOf(options));
  }

  private static String guessFormat(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT).replaceAll("/+$", "");
    for (String f : InputSpec.FORMATS) {
      if (p.endsWith("." + f)) {
        return f;
      }
    }
    return null;
  }

  private static ColumnsConfig columns(Section s, ProblemType problemType) {
    s.allow(
        "timestamp", "id", "features", "categorical", "prediction", "scores", "target", "segments");
    Map<String, String> scores = new LinkedHashMap<>();
    if (s.has("scores")) {
      JsonNode n = s.node.get("scores");
      if (n.isTextual()) {
        if (problemType == ProblemType.MULTICLASS_CLASSIFICATION) {
          throw Errors.badValue(
              s.path + ".scores",
              n.asText(),
              "a mapping {class_label: score_column} for multiclass_classification");
        }
        scores.put("", n.asText());
      } else if (n.isObject()) {
        if (problemType != ProblemType.MULTICLASS_CLASSIFICATION) {
          throw Errors.badValue(
              s.path + ".scores", n.toString(), "one score column name for " + problemType.key());
        }
        n.fields()
            .forEachRemaining(
                e -> {
                  if (!e.getValue().isTextual()) {
                    throw Errors.badValue(
                        s.path + ".scores." + e.getKey(), e.getValue().toString(), "a column name");
                  }
                  scores.put(e.getKey(), e.getValue().asText());
                });
      } else if (!n.isNull()) {
        throw Errors.badValue(
            s.path + ".scores",
            n.toString(),
            "a column name, or {class_label: column} for multiclass");
      }
    }
    if (problemType == ProblemType.REGRESSION && !scores.isEmpty()) {
      throw Errors.badValue(
          s.path + ".scores",
          scores.toString(),
          "no scores for regression (only prediction and target)");
    }
    return new ColumnsConfig(
        s.string("timestamp", null),
        s.string("id", null),
        s.has("features") ? s.stringList("features") : null,
        s.has("categorical") ? s.stringList("categorical") : null,
        s.string("prediction", null),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores)),
        s.string("target", null),
        s.has("segments") ? s.stringList("segments") : List.of());
  }

  private static ChunkingConfig chunking(Section s) {
    if (s == null) {
      return ChunkingConfig.defaults();
    }
    s.allow("size", "number", "period", "incomplete");
    int given = (s.has("size") ? 1 : 0) + (s.has("number") ? 1 : 0) + (s.has("period") ? 1 : 0);
    if (given > 1) {
      throw new UserException(
          "configuration key 'chunking': expected only one of 'size', 'number' or 'period', got "
              + given);
    }
    ChunkingConfig.Incomplete incomplete =
        s.enumValue("incomplete", ChunkingConfig.Incomplete.class, ChunkingConfig.Incomplete.KEEP);
    if (s.has("size")) {
      return new ChunkingConfig(
          ChunkingConfig.Kind.SIZE, s.positiveInt("size"), 0, null, incomplete);
    }
    if (s.has("number")) {
      return new ChunkingConfig(
          ChunkingConfig.Kind.NUMBER, 0, s.positiveInt("number"), null, incomplete);
    }
    if (s.has("period")) {
      if (s.has("incomplete")) {
        throw Errors.badValue(
            "chunking.incomplete",
            s.string("incomplete", null),
            "no 'incomplete' with period chunking (it applies to size and number)");
      }
      return new ChunkingConfig(
          ChunkingConfig.Kind.PERIOD,
          0,
          0,
          s.enumValue("period", ChunkingConfig.PeriodUnit.class, null),
          incomplete);
    }
    return new ChunkingConfig(
        ChunkingConfig.Kind.NUMBER, 0, ChunkingConfig.DEFAULT_NUMBER, null, incomplete);
  }

  /**
   * Each enabled calculator's configuration: without a {@code calculators} section the registry's
   * defaults ({@link CalculatorType#onByDefault}); with one, exactly the calculators it names (a
   * calculator named without settings has its defaults).
   */
  private static Map<String, Object> calculators(Section s, CalculatorType.Context context) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (s != null) {
      s.allow(Calculators.names().toArray(String[]::new));
    }
    for (CalculatorType<?> type : Calculators.ALL) {
      if (s == null ? type.onByDefault() : s.has(type.name())) {
        Section section =
            s == null ? Section.empty("calculators." + type.name()) : s.sectionOrEmpty(type.name());
        out.put(type.name(), type.parse(section, context));
      }
    }
    if (out.isEmpty()) {
      throw new UserException(
          "configuration key 'calculators': no calculator is enabled; expected at least one of "
              + Calculators.names()
              + " (or leave 'calculators' out for the defaults)");
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static <C> void check(CalculatorType<C> type, MonitorConfig config) {
    C c = config.calculator(type);
    if (c != null) {
      type.check(c, config);
    }
  }

  private static Map<String, ThresholdConfig> thresholds(Section s, ProblemType problemType) {
    Map<String, ThresholdConfig> out = new LinkedHashMap<>();
    if (s == null) {
      return out;
    }
    Iterator<String> names = s.node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String[] parts = name.split("\\.");
      java.util.Optional<CalculatorType<?>> calculator =
          parts.length == 2 ? Calculators.find(parts[0]) : java.util.Optional.empty();
      if (calculator.isEmpty()) {
        throw Errors.badValue(
            "thresholds." + name,
            name,
            "a key <calculator>.<metric> with calculator one of " + Calculators.names());
      }
      java.util.Collection<String> metrics = calculator.get().thresholdMetrics(problemType);
      if (!metrics.contains(parts[1])) {
        throw Errors.unknownName("thresholds." + name, parts[1], metrics);
      }
      Section t = s.section(name);
      t.allow("type", "lower", "upper", "std_lower_multiplier", "std_upper_multiplier");
      ThresholdConfig.Type type = t.enumValue("type", ThresholdConfig.Type.class, null);
      if (type == null) {
        throw Errors.missingKey(t.path + ".type", "constant or standard_deviation");
      }
      if (type == ThresholdConfig.Type.CONSTANT
          && (t.has("std_lower_multiplier") || t.has("std_upper_multiplier"))) {
        throw Errors.badValue(t.path, "std_*_multiplier", "lower/upper for a constant threshold");
      }
      if (type == ThresholdConfig.Type.STANDARD_DEVIATION && (t.has("lower") || t.has("upper"))) {
        throw Errors.badValue(
            t.path,
            "lower/upper",
            "std_lower_multiplier/std_upper_multiplier for a standard_deviation threshold");
      }
      Double lm = t.nullableDouble("std_lower_multiplier", 3.0);
      Double um = t.nullableDouble("std_upper_multiplier", 3.0);
      if (lm != null && lm < 0) {
        throw Errors.badValue(t.path + ".std_lower_multiplier", lm, "a number >= 0 or null");
      }
      if (um != null && um < 0) {
        throw Errors.badValue(t.path + ".std_upper_multiplier", um, "a number >= 0 or null");
      }
      out.put(
          name,
          new ThresholdConfig(
              type, t.nullableDouble("lower", null), t.nullableDouble("upper", null), lm, um));
    }
    return out;
  }
}
