package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
  /**
   * Calculators the contract names; only those in {@link #AVAILABLE_CALCULATORS} run in this
   * version.
   */
  public static final List<String> CONTRACT_CALCULATORS =
      List.of(
          "univariate_drift",
          "multivariate_drift",
          "realized_performance",
          "estimated_performance",
          "data_quality");

  public static final List<String> AVAILABLE_CALCULATORS =
      List.of(
          "univariate_drift",
          "multivariate_drift",
          "realized_performance",
          "estimated_performance",
          "data_quality");

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
    Section calcs = root.has("calculators") ? root.section("calculators") : null;
    DataQualityConfig dq = calculators(calcs);
    UnivariateDriftConfig drift = univariateDrift(calcs);
    RealizedPerformanceConfig realized = realizedPerformance(calcs, problemType, columns);
    MultivariateDriftConfig multivariate = multivariateDrift(calcs);
    EstimatedPerformanceConfig estimated = estimatedPerformance(calcs, problemType, columns);
    if (dq == null
        && drift == null
        && realized == null
        && multivariate == null
        && estimated == null) {
      throw new UserException(
          "configuration key 'calculators': no calculator is enabled; expected at least one of "
              + AVAILABLE_CALCULATORS
              + " (or leave 'calculators' out for the defaults)");
    }
    Map<String, ThresholdConfig> thresholds =
        thresholds(root.has("thresholds") ? root.section("thresholds") : null);
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
    if (incremental
        && multivariate != null
        && multivariate.method().equals(MultivariateDriftConfig.DOMAIN_CLASSIFIER)) {
      throw Errors.badValue(
          "calculators.multivariate_drift.method",
          MultivariateDriftConfig.DOMAIN_CLASSIFIER,
          "reconstruction_error with incremental: true (the domain classifier trains on each chunk's rows, which an"
              + " incremental run does not keep)");
    }
    return new MonitorConfig(
        monitor,
        problemType,
        reference,
        analysis,
        targets,
        columns,
        chunking,
        dq,
        drift,
        multivariate,
        realized,
        estimated,
        thresholds,
        output,
        alerts,
        resolvedYaml,
        incremental,
        runDate,
        fitKey);
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

  private static DataQualityConfig calculators(Section s) {
    if (s == null) {
      return new DataQualityConfig(DataQualityConfig.ALL_METRICS, null);
    }
    s.allow(CONTRACT_CALCULATORS.toArray(String[]::new));
    for (String name : CONTRACT_CALCULATORS) {
      if (s.has(name) && !AVAILABLE_CALCULATORS.contains(name)) {
        throw new UserException(
            "configuration key 'calculators."
                + name
                + "': this calculator is not available in Vigil "
                + dev.vigil.internal.Version.VERSION
                + " yet; available calculators: "
                + AVAILABLE_CALCULATORS);
      }
    }
    if (!s.has("data_quality")) {
      return null;
    }
    JsonNode n = s.node.get("data_quality");
    if (n == null || n.isNull()) {
      return new DataQualityConfig(DataQualityConfig.ALL_METRICS, null);
    }
    Section dq = s.section("data_quality");
    dq.allow("metrics", "columns");
    List<String> metrics =
        dq.has("metrics") ? dq.stringList("metrics") : DataQualityConfig.ALL_METRICS;
    for (String m : metrics) {
      if (!DataQualityConfig.ALL_METRICS.contains(m)) {
        throw Errors.unknownName(dq.path + ".metrics", m, DataQualityConfig.ALL_METRICS);
      }
    }
    return new DataQualityConfig(
        List.copyOf(metrics), dq.has("columns") ? dq.stringList("columns") : null);
  }

  /** Opt-in (not among the defaults): it needs a target. */
  private static RealizedPerformanceConfig realizedPerformance(
      Section s, ProblemType type, ColumnsConfig columns) {
    if (s == null || !s.has("realized_performance")) {
      return null;
    }
    return performance(s, "realized_performance", type, columns);
  }

  /** Opt-in: CBPE needs reference targets (binary classification in this version). */
  private static EstimatedPerformanceConfig estimatedPerformance(
      Section s, ProblemType type, ColumnsConfig columns) {
    if (s == null || !s.has("estimated_performance")) {
      return null;
    }
    String key = "calculators.estimated_performance";
    if (type == ProblemType.REGRESSION) {
      return directLoss(s, columns);
    }
    if (columns.scores().isEmpty()) {
      throw Errors.missingKey(
          "columns.scores", "the score column(s), because estimated_performance (CBPE) needs them");
    }
    RealizedPerformanceConfig metrics = performance(s, "estimated_performance", type, columns);
    JsonNode n = s.node.get("estimated_performance");
    Section e = n == null || n.isNull() ? Section.empty(key) : s.section("estimated_performance");
    return new EstimatedPerformanceConfig(
        metrics,
        e.enumValue(
            "calibration",
            EstimatedPerformanceConfig.Calibration.class,
            EstimatedPerformanceConfig.Calibration.AUTO));
  }

  /**
   * DLE (regression): {@code metrics} as realized regression performance (default all six) and the
   * loss models' {@code hyperparameters} (LightGBM's names, {@link DleHyperparameters}).
   */
  private static EstimatedPerformanceConfig directLoss(Section s, ColumnsConfig columns) {
    String name = "estimated_performance";
    JsonNode n = s.node.get(name);
    Section e = n == null || n.isNull() ? Section.empty(s.key(name)) : s.section(name);
    e.allow("metrics", "hyperparameters");
    // the metrics (and the target and prediction they need) are checked as realized performance
    // checks them
    ObjectNode metricsOnly = ((ObjectNode) e.node).deepCopy();
    metricsOnly.remove("hyperparameters");
    ObjectNode parent = JsonNodeFactory.instance.objectNode();
    parent.set(name, metricsOnly);
    RealizedPerformanceConfig metrics =
        performance(new Section(s.path, parent), name, ProblemType.REGRESSION, columns);
    DleHyperparameters d = DleHyperparameters.DEFAULTS;
    if (!e.has("hyperparameters")) {
      return new EstimatedPerformanceConfig(metrics, null, d);
    }
    Section h = e.section("hyperparameters");
    h.allow(DleHyperparameters.KEYS.toArray(String[]::new));
    return new EstimatedPerformanceConfig(
        metrics,
        null,
        new DleHyperparameters(
            h.has("n_estimators") ? h.positiveInt("n_estimators") : d.nEstimators(),
            fraction(h, "learning_rate", d.learningRate()),
            (int)
                wholeIn(
                    h,
                    "max_depth",
                    d.maxDepth(),
                    1,
                    30,
                    "a whole number from 1 to 30 (MLlib's limit; LightGBM's -1,"
                        + " unlimited, has no equivalent)"),
            h.has("min_child_samples") ? h.positiveInt("min_child_samples") : d.minChildSamples(),
            (int) wholeIn(h, "max_bin", d.maxBin(), 2, 65_536, "a whole number from 2 to 65536"),
            fraction(h, "subsample", d.subsample()),
            wholeIn(h, "seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE, "a whole number")));
  }

  /** A number in (0, 1]. */
  private static double fraction(Section h, String k, double dflt) {
    Double v = h.nullableDouble(k, dflt);
    if (v == null || !(v > 0 && v <= 1)) {
      throw Errors.badValue(h.key(k), v == null ? "null" : v, "a number in (0, 1]");
    }
    return v;
  }

  private static long wholeIn(Section h, String k, long dflt, long lo, long hi, String expected) {
    if (!h.has(k)) {
      return dflt;
    }
    JsonNode v = h.node.get(k);
    boolean integral =
        v.isIntegralNumber() && v.canConvertToLong()
            || v.isTextual() && v.asText().trim().matches("-?\\d{1,18}");
    long x = integral ? (v.isTextual() ? Long.parseLong(v.asText().trim()) : v.asLong()) : 0;
    if (!integral || x < lo || x > hi) {
      throw Errors.badValue(h.key(k), v.asText(), expected);
    }
    return x;
  }

  private static RealizedPerformanceConfig performance(
      Section s, String name, ProblemType type, ColumnsConfig columns) {
    String key = "calculators." + name;
    if (columns.target() == null) {
      throw Errors.missingKey(
          "columns.target", "the target column, because " + name + " needs one");
    }
    if (columns.prediction() == null) {
      throw Errors.missingKey(
          "columns.prediction", "the prediction column, because " + name + " needs one");
    }
    JsonNode n = s.node.get(name);
    Section r = n == null || n.isNull() ? Section.empty(key) : s.section(name);
    if (name.equals("estimated_performance")) {
      r.allow(
          "metrics",
          "business_value_matrix",
          "normalize_business_value",
          "normalize_confusion_matrix",
          "calibration");
    } else {
      r.allow(
          "metrics",
          "business_value_matrix",
          "normalize_business_value",
          "normalize_confusion_matrix");
    }
    List<String> valid =
        type == ProblemType.REGRESSION
            ? RealizedPerformanceConfig.REGRESSION
            : type == ProblemType.MULTICLASS_CLASSIFICATION
                ? RealizedPerformanceConfig.MULTICLASS
                : RealizedPerformanceConfig.BINARY;
    List<String> metrics =
        r.has("metrics")
            ? r.stringList("metrics")
            : type == ProblemType.REGRESSION
                ? RealizedPerformanceConfig.REGRESSION
                : List.of("roc_auc", "f1", "precision", "recall", "specificity", "accuracy");
    for (String m : metrics) {
      if (!valid.contains(m)) {
        throw Errors.unknownName(key + ".metrics", m, valid);
      }
    }
    if (type == ProblemType.MULTICLASS_CLASSIFICATION && columns.scores().isEmpty()) {
      throw Errors.missingKey(
          "columns.scores",
          "the {class_label: score_column} mapping, because multiclass "
              + name
              + " takes its classes from it");
    }
    if (type == ProblemType.BINARY_CLASSIFICATION
        && columns.scores().isEmpty()
        && (metrics.contains("roc_auc") || metrics.contains("average_precision"))) {
      throw Errors.missingKey(
          "columns.scores", "the score column, because roc_auc and average_precision need one");
    }
    double[][] matrix = null;
    if (r.has("business_value_matrix")) {
      JsonNode m = r.node.get("business_value_matrix");
      if (!m.isArray()
          || m.size() != 2
          || !m.get(0).isArray()
          || !m.get(1).isArray()
          || m.get(0).size() != 2
          || m.get(1).size() != 2) {
        throw Errors.badValue(
            key + ".business_value_matrix",
            m.toString(),
            "a 2x2 list [[TN, FP], [FN, TP]] of numbers");
      }
      matrix = new double[2][2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          if (!m.get(i).get(j).isNumber()) {
            throw Errors.badValue(
                key + ".business_value_matrix", m.toString(), "a 2x2 list of numbers");
          }
          matrix[i][j] = m.get(i).get(j).asDouble();
        }
      }
    }
    if (metrics.contains("business_value") && matrix == null) {
      throw Errors.missingKey(
          key + ".business_value_matrix", "a 2x2 list [[TN, FP], [FN, TP]] for business_value");
    }
    String norm = r.string("normalize_business_value", null);
    if (norm != null && !norm.equals("per_prediction")) {
      throw Errors.badValue(key + ".normalize_business_value", norm, "per_prediction or null");
    }
    String cm = r.string("normalize_confusion_matrix", null);
    if (cm != null && !RealizedPerformanceConfig.CONFUSION_NORMALIZATIONS.contains(cm)) {
      throw Errors.unknownName(
          key + ".normalize_confusion_matrix",
          cm,
          RealizedPerformanceConfig.CONFUSION_NORMALIZATIONS);
    }
    return new RealizedPerformanceConfig(List.copyOf(metrics), matrix, norm != null, cm);
  }

  /**
   * Opt-in (not among the defaults). Each method takes its own keys: another method's key is an
   * error.
   */
  private static MultivariateDriftConfig multivariateDrift(Section s) {
    if (s == null || !s.has("multivariate_drift")) {
      return null;
    }
    JsonNode n = s.node.get("multivariate_drift");
    if (n == null || n.isNull()) {
      return MultivariateDriftConfig.defaults();
    }
    Section m = s.section("multivariate_drift");
    String method = m.string("method", MultivariateDriftConfig.RECONSTRUCTION_ERROR);
    if (!MultivariateDriftConfig.METHODS.contains(method)) {
      throw Errors.unknownName(m.path + ".method", method, MultivariateDriftConfig.METHODS);
    }
    boolean classifier = method.equals(MultivariateDriftConfig.DOMAIN_CLASSIFIER);
    List<String> own = new ArrayList<>(List.of("method", "columns"));
    List<String> other =
        classifier ? List.of("n_components") : MultivariateDriftConfig.DomainClassifierConfig.KEYS;
    own.addAll(
        classifier ? MultivariateDriftConfig.DomainClassifierConfig.KEYS : List.of("n_components"));
    m.node
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (other.contains(k)) {
                throw Errors.badValue(
                    m.key(k),
                    "method: " + method,
                    "method: "
                        + (classifier
                            ? MultivariateDriftConfig.RECONSTRUCTION_ERROR
                            : MultivariateDriftConfig.DOMAIN_CLASSIFIER)
                        + " for this key (or remove it)");
              }
            });
    m.allow(own.toArray(String[]::new));
    List<String> columns = m.has("columns") ? m.stringList("columns") : null;
    if (classifier) {
      return new MultivariateDriftConfig(
          method, columns, MultivariateDriftConfig.DEFAULT_N_COMPONENTS, domainClassifier(m));
    }
    double k = MultivariateDriftConfig.DEFAULT_N_COMPONENTS;
    if (m.has("n_components")) {
      JsonNode v = m.node.get("n_components");
      boolean fraction = v.isNumber() && v.asDouble() > 0 && v.asDouble() < 1;
      boolean count =
          v.isIntegralNumber() && v.asLong() >= 1
              || v.isNumber() && v.asDouble() >= 1 && v.asDouble() == Math.rint(v.asDouble());
      if (!fraction && !count) {
        throw Errors.badValue(
            m.path + ".n_components",
            v.toString(),
            "a fraction of the variance in (0, 1), e.g. 0.65, or a whole number of components >= 1");
      }
      k = v.asDouble();
    }
    return new MultivariateDriftConfig(method, columns, k);
  }

  private static MultivariateDriftConfig.DomainClassifierConfig domainClassifier(Section m) {
    var d = MultivariateDriftConfig.DomainClassifierConfig.defaults();
    int folds = m.has("cv_folds_num") ? m.positiveInt("cv_folds_num") : d.cvFoldsNum();
    if (folds < 2) {
      throw Errors.badValue(
          m.key("cv_folds_num"), folds, "a whole number >= 2 (NannyML's default is 5)");
    }
    int depth = m.has("max_depth") ? m.positiveInt("max_depth") : d.maxDepth();
    if (depth > 30) {
      throw Errors.badValue(
          m.key("max_depth"), depth, "a whole number from 1 to 30 (spark-mllib's limit)");
    }
    int bins = m.has("max_bins") ? m.positiveInt("max_bins") : d.maxBins();
    if (bins < 2) {
      throw Errors.badValue(m.key("max_bins"), bins, "a whole number >= 2");
    }
    double rate = d.learningRate();
    if (m.has("learning_rate")) {
      Double r = m.nullableDouble("learning_rate", null);
      if (r == null || !(r > 0 && r <= 1)) {
        throw Errors.badValue(
            m.key("learning_rate"),
            m.node.get("learning_rate").asText(),
            "a number in (0, 1], e.g. 0.1");
      }
      rate = r;
    }
    long seed = d.randomState();
    if (m.has("random_state")) {
      JsonNode v = m.node.get("random_state");
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw Errors.badValue(
            m.key("random_state"), v.asText(), "a whole number (the classifier's seed)");
      }
      seed = v.asLong();
    }
    return new MultivariateDriftConfig.DomainClassifierConfig(
        m.has("max_training_rows") ? m.positiveInt("max_training_rows") : d.maxTrainingRows(),
        folds,
        m.has("n_estimators") ? m.positiveInt("n_estimators") : d.nEstimators(),
        rate,
        depth,
        m.has("min_child_samples") ? m.positiveInt("min_child_samples") : d.minChildSamples(),
        bins,
        seed);
  }

  private static UnivariateDriftConfig univariateDrift(Section s) {
    if (s == null) {
      return UnivariateDriftConfig.defaults();
    }
    if (!s.has("univariate_drift")) {
      return null;
    }
    JsonNode n = s.node.get("univariate_drift");
    if (n == null || n.isNull()) {
      return UnivariateDriftConfig.defaults();
    }
    Section u = s.section("univariate_drift");
    u.allow("columns", "continuous_methods", "categorical_methods", "calculation_method", "n_bins");
    UnivariateDriftConfig d = UnivariateDriftConfig.defaults();
    List<String> continuous =
        u.has("continuous_methods") ? u.stringList("continuous_methods") : d.continuousMethods();
    List<String> categorical =
        u.has("categorical_methods") ? u.stringList("categorical_methods") : d.categoricalMethods();
    for (String m : continuous) {
      if (!UnivariateDriftConfig.CONTINUOUS_METHODS.contains(m)) {
        throw Errors.unknownName(
            u.path + ".continuous_methods", m, UnivariateDriftConfig.CONTINUOUS_METHODS);
      }
    }
    for (String m : categorical) {
      if (!UnivariateDriftConfig.CATEGORICAL_METHODS.contains(m)) {
        throw Errors.unknownName(
            u.path + ".categorical_methods", m, UnivariateDriftConfig.CATEGORICAL_METHODS);
      }
    }
    int nBins = u.has("n_bins") ? u.positiveInt("n_bins") : d.nBins();
    return new UnivariateDriftConfig(
        u.has("columns") ? u.stringList("columns") : null,
        List.copyOf(continuous),
        List.copyOf(categorical),
        u.enumValue(
            "calculation_method",
            UnivariateDriftConfig.CalculationMethod.class,
            UnivariateDriftConfig.CalculationMethod.AUTO),
        nBins);
  }

  private static Map<String, ThresholdConfig> thresholds(Section s) {
    Map<String, ThresholdConfig> out = new LinkedHashMap<>();
    if (s == null) {
      return out;
    }
    Iterator<String> names = s.node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String[] parts = name.split("\\.");
      if (parts.length != 2 || !CONTRACT_CALCULATORS.contains(parts[0])) {
        throw Errors.badValue(
            "thresholds." + name,
            name,
            "a key <calculator>.<metric> with calculator one of " + CONTRACT_CALCULATORS);
      }
      if (parts[0].equals("data_quality") && !DataQualityConfig.ALL_METRICS.contains(parts[1])) {
        throw Errors.unknownName("thresholds." + name, parts[1], DataQualityConfig.ALL_METRICS);
      }
      if (parts[0].equals("realized_performance") || parts[0].equals("estimated_performance")) {
        java.util.Set<String> metricNames = new java.util.TreeSet<>(RealizedPerformanceConfig.ALL);
        metricNames.addAll(
            List.of("true_positive", "true_negative", "false_positive", "false_negative"));
        if (!metricNames.contains(parts[1])) {
          throw Errors.unknownName("thresholds." + name, parts[1], metricNames);
        }
      }
      if (parts[0].equals("multivariate_drift")
          && !MultivariateDriftConfig.METRICS.contains(parts[1])) {
        throw Errors.unknownName("thresholds." + name, parts[1], MultivariateDriftConfig.METRICS);
      }
      if (parts[0].equals("univariate_drift")) {
        java.util.Set<String> methods =
            new java.util.TreeSet<>(UnivariateDriftConfig.CONTINUOUS_METHODS);
        methods.addAll(UnivariateDriftConfig.CATEGORICAL_METHODS);
        if (!methods.contains(parts[1])) {
          throw Errors.unknownName("thresholds." + name, parts[1], methods);
        }
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

  /** A YAML mapping with its key path, for strict key checks and messages naming the key. */
  static final class Section {
    final String path;
    final JsonNode node;

    Section(String path, JsonNode node) {
      this.path = path;
      this.node = node;
    }

    static Section empty(String path) {
      return new Section(path, JsonNodeFactory.instance.objectNode());
    }

    String key(String k) {
      return join(path, k);
    }

    void allow(String... keys) {
      List<String> valid = List.of(keys);
      node.fieldNames()
          .forEachRemaining(
              k -> {
                if (!valid.contains(k)) {
                  throw Errors.unknownKey(key(k), valid);
                }
              });
    }

    boolean has(String k) {
      return node.has(k);
    }

    Section section(String k) {
      JsonNode n = node.get(k);
      if (n == null || !n.isObject()) {
        throw Errors.badValue(
            key(k), n == null ? null : n.toString(), "a mapping of keys to values");
      }
      return new Section(key(k), n);
    }

    Section requiredSection(String k, String expected) {
      if (!node.has(k) || node.get(k).isNull()) {
        throw Errors.missingKey(key(k), expected);
      }
      return section(k);
    }

    String string(String k, String dflt) {
      JsonNode n = node.get(k);
      if (n == null || n.isNull()) {
        return dflt;
      }
      if (!n.isValueNode()) {
        throw Errors.badValue(key(k), n.toString(), "a single value");
      }
      String v = n.asText();
      if (v.isBlank()) {
        throw Errors.badValue(key(k), v, "a non-empty value");
      }
      return v;
    }

    String requiredString(String k, String expected) {
      String v = string(k, null);
      if (v == null) {
        throw Errors.missingKey(key(k), expected);
      }
      return v;
    }

    List<String> stringList(String k) {
      JsonNode n = node.get(k);
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (n.isTextual()) {
        return List.of(n.asText());
      }
      if (!n.isArray()) {
        throw Errors.badValue(key(k), n.toString(), "a list of names, e.g. [a, b]");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isValueNode() || e.isNull()) {
          throw Errors.badValue(key(k), n.toString(), "a list of names, e.g. [a, b]");
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }

    boolean bool(String k, boolean dflt) {
      JsonNode n = node.get(k);
      if (n == null || n.isNull()) {
        return dflt;
      }
      if (n.isBoolean()) {
        return n.asBoolean();
      }
      String v = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
      throw Errors.badValue(key(k), n.asText(), "true or false");
    }

    int positiveInt(String k) {
      JsonNode n = node.get(k);
      boolean integral =
          n != null
              && (n.isIntegralNumber() && n.canConvertToInt()
                  || n.isTextual() && n.asText().trim().matches("-?\\d{1,9}"));
      if (!integral) {
        throw Errors.badValue(key(k), n == null ? null : n.asText(), "a positive whole number");
      }
      int v = n.isTextual() ? Integer.parseInt(n.asText().trim()) : n.asInt();
      if (v <= 0) {
        throw Errors.badValue(key(k), v, "a positive whole number (at least 1)");
      }
      return v;
    }

    Double nullableDouble(String k, Double dflt) {
      if (!node.has(k)) {
        return dflt;
      }
      JsonNode n = node.get(k);
      if (n.isNull()) {
        return null;
      }
      if (n.isNumber()) {
        return n.asDouble();
      }
      try {
        return Double.parseDouble(n.asText());
      } catch (NumberFormatException e) {
        throw Errors.badValue(key(k), n.asText(), "a number or null");
      }
    }

    <E extends Enum<E>> E enumValue(String k, Class<E> type, E dflt) {
      String v = string(k, null);
      if (v == null) {
        return dflt;
      }
      List<String> valid = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        String name = e.name().toLowerCase(java.util.Locale.ROOT);
        valid.add(name);
        if (name.equals(v.toLowerCase(java.util.Locale.ROOT))) {
          return e;
        }
      }
      throw Errors.unknownName(key(k), v, valid);
    }
  }
}
