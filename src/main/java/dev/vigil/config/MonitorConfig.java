package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import dev.vigil.internal.Errors;
import dev.vigil.thresholds.FlatBands;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One monitor's resolved configuration: immutable, validated, with defaults filled in.
 *
 * @param calculators each enabled calculator's configuration by its name, in the registry's order
 *     ({@link #calculator} reads one)
 * @param resolvedYaml the configuration after substitution and overrides, secrets masked (for
 *     {@code runs.config})
 * @param referenceProfile {@code reference.profile}: the stored profile a run uses without reading
 *     the reference; null = the one whose fingerprint matches the reference, else a new fit
 * @param prometheus where the run's metrics are pushed; null = nowhere
 * @param incremental analysis runs over new partitions only, merging stored chunk states (period
 *     chunking)
 * @param runDate the run's date ({@code --run-date}): templated paths, and periods ending by its
 *     end are complete; null = now
 * @param maxUnparsedValues how many present values of a dataset may turn null when read (a timestamp
 *     text that does not parse) before the run fails; those below it are noted on the results
 * @param fitKey canonical text of everything a fit depends on (part of the reference profile's
 *     fingerprint)
 */
public record MonitorConfig(
        String monitor,
        ProblemType problemType,
        InputSpec reference,
        ProfilePin referenceProfile,
        InputSpec analysis,
        TargetsSpec targets,
        ColumnsConfig columns,
        ChunkingConfig chunking,
        Map<String, Object> calculators,
        Map<String, ThresholdConfig> thresholds,
        FlatBands flatBands,
        OutputConfig output,
        AlertsConfig alerts,
        PrometheusConfig prometheus,
        String resolvedYaml,
        boolean incremental,
        LocalDate runDate,
        long maxUnparsedValues,
        String fitKey)
        implements Serializable {

    static final Key<String> MONITOR = Key.required(
            "monitor",
            "a name",
            "the monitored model's name: every result row and table partition carries it",
            (s, k) -> s.requiredString(k, "the name of the monitored model, e.g. monitor: car_loan"));
    static final Key<ProblemType> PROBLEM_TYPE = Key.oneOf(
            "problem_type",
            ProblemType.class,
            ProblemType.BINARY_CLASSIFICATION,
            "the kind of model: decides how the prediction and scores are read, and which metrics" + " apply");
    static final Schema REFERENCE_SCHEMA = InputSpec.schema(
            "reference",
            "the reference data: the period the model is known to work on; thresholds come from it",
            ProfilePin.KEY);
    static final Schema ANALYSIS_SCHEMA = InputSpec.schema("analysis", "the analysis data: the period being monitored");
    static final Key<InputSpec> REFERENCE = Key.required(
            "reference",
            InputSpec.EXPECTED + " or {profile: latest}",
            REFERENCE_SCHEMA.help(),
            (s, k) -> InputSpec.parse(
                    s.requiredSection(k, InputSpec.EXPECTED),
                    REFERENCE_SCHEMA,
                    s.section(k).has(ProfilePin.KEY.name())));
    static final Key<InputSpec> ANALYSIS = input("analysis", ANALYSIS_SCHEMA);
    static final Key<TargetsSpec> TARGETS = Key.of(
            "targets",
            "a mapping (targets)",
            null,
            "delayed ground truth in its own table, joined to the analysis rows",
            (s, k) -> TargetsSpec.parse(s.section(k)));
    static final Key<ColumnsConfig> COLUMNS = Key.parsedBySection(
            "columns", "a mapping (columns)", null, "the columns' roles (default: every column is a feature)");
    static final Key<ChunkingConfig> CHUNKING = Key.of(
            "chunking",
            "a mapping (chunking)",
            ChunkingConfig.defaults(),
            "how the data is split into chunks (default: 10 chunks, as NannyML)",
            (s, k) -> ChunkingConfig.parse(s.section(k)));
    static final Key<Map<String, Object>> CALCULATORS = Key.parsedBySection(
            "calculators",
            "a mapping (calculators)",
            null,
            "the calculators to run and their settings (default: "
                    + String.join(
                            ", ",
                            Calculators.ALL.stream()
                                    .filter(CalculatorType::onByDefault)
                                    .map(CalculatorType::name)
                                    .toList())
                    + ")");
    static final Key<Map<String, ThresholdConfig>> THRESHOLDS = Key.parsedBySection(
            "thresholds",
            "a mapping of <calculator>.<metric> to a threshold (thresholds.<calculator>.<metric>)",
            null,
            "threshold overrides (default: NannyML's threshold of each metric)");
    static final Key<FlatBands> FLAT_BANDS = Key.oneOf(
            "flat_bands",
            FlatBands.class,
            FlatBands.VIGIL,
            "what a flat or nearly flat reference band (every reference chunk gave the same value, or a band narrower than ± 1 sampling error) alerts on: outside"
                    + " the value ± 3 × the chunk's sampling error, never on the value itself (vigil), or"
                    + " NannyML's exact rule (nannyml; summary statistics then alert on every chunk)");
    static final Key<Long> MAX_UNPARSED_VALUES = Key.count(
            "max_unparsed_values",
            0,
            "how many values of a dataset may be present in the input but unreadable as their role's type"
                    + " (a timestamp text that does not parse) before the run fails with exit 2; at or below it"
                    + " the run goes on without them and results.note counts them");
    static final Key<OutputConfig> OUTPUT = Key.of(
            "output",
            "a mapping (output)",
            OutputConfig.defaults(),
            "where the Delta tables go (default: ./vigil-output)",
            (s, k) -> OutputConfig.parse(s.section(k)));
    static final Key<AlertsConfig> ALERTS = Key.of(
            "alerts",
            "a mapping (alerts)",
            AlertsConfig.none(),
            "where new alerts are sent (default: nowhere)",
            (s, k) -> AlertsConfig.parse(s.section(k)));
    static final Key<PrometheusConfig> PROMETHEUS = Key.of(
            "prometheus",
            "a mapping (prometheus)",
            null,
            "push the run's metrics to a Prometheus Pushgateway (default: no push)",
            (s, k) -> PrometheusConfig.parse(s.section(k)));
    static final Key<Boolean> INCREMENTAL = Key.bool(
            "incremental",
            false,
            "each run reads only its new analysis partition and merges the stored chunk states"
                    + " (period chunking, analysis.path templated with {{run_date}})");

    /** The top level of a configuration file, with its sections nested. */
    static final Schema SCHEMA = Schema.of(
                    "",
                    "a monitor's configuration file",
                    MONITOR,
                    PROBLEM_TYPE,
                    REFERENCE,
                    ANALYSIS,
                    TARGETS,
                    COLUMNS,
                    CHUNKING,
                    CALCULATORS,
                    THRESHOLDS,
                    FLAT_BANDS,
                    MAX_UNPARSED_VALUES,
                    OUTPUT,
                    ALERTS,
                    PROMETHEUS,
                    INCREMENTAL)
            .with(
                    REFERENCE_SCHEMA,
                    ANALYSIS_SCHEMA,
                    TargetsSpec.SCHEMA,
                    ColumnsConfig.SCHEMA,
                    ChunkingConfig.SCHEMA,
                    CalculatorSections.SCHEMA,
                    ThresholdConfig.SCHEMA,
                    OutputConfig.SCHEMA,
                    AlertsConfig.SCHEMA,
                    PrometheusConfig.SCHEMA);

    /**
     * Top-level keys that do not change what a fit learns from the reference (left out of {@link
     * #fitKey}).
     */
    static final List<String> NOT_FITTED = List.of(
            ANALYSIS.name(),
            TARGETS.name(),
            MAX_UNPARSED_VALUES.name(),
            OUTPUT.name(),
            ALERTS.name(),
            PROMETHEUS.name(),
            INCREMENTAL.name());

    private static Key<InputSpec> input(String name, Schema schema) {
        return Key.required(
                name,
                InputSpec.EXPECTED,
                schema.help(),
                (s, k) -> InputSpec.parse(s.requiredSection(k, InputSpec.EXPECTED), schema));
    }

    /**
     * Reads the top level: each section by its record's parse, then the checks across sections (the
     * targets' join column, period chunking's timestamp, incremental runs, each calculator's).
     */
    static MonitorConfig parse(Section root, String resolvedYaml, LocalDate runDate, String fitKey) {
        SCHEMA.check(root);
        String monitor = MONITOR.read(root);
        ProblemType problemType = PROBLEM_TYPE.read(root);
        InputSpec reference = REFERENCE.read(root);
        ProfilePin referenceProfile = ProfilePin.KEY.read(root.section(REFERENCE.name()));
        InputSpec analysis = ANALYSIS.read(root);
        TargetsSpec targets = TARGETS.read(root);
        ColumnsConfig columns = ColumnsConfig.parse(
                root.has(COLUMNS.name()) ? root.section(COLUMNS.name()) : Section.empty(COLUMNS.name()), problemType);
        if (targets != null && targets.joinOn() == null && columns.id() == null) {
            throw Errors.missingKey("targets.join_on", "the id column to join targets on (or set columns.id)");
        }
        if (targets != null && targets.joinOn() == null) {
            targets = new TargetsSpec(targets.input(), columns.id());
        }
        ChunkingConfig chunking = CHUNKING.read(root);
        if (chunking.kind() == ChunkingConfig.Kind.PERIOD && columns.timestamp() == null) {
            throw Errors.missingKey("columns.timestamp", "the timestamp column, because chunking.period needs one");
        }
        Map<String, Object> calculators =
                CalculatorSections.parse(optional(root, CALCULATORS), new CalculatorType.Context(problemType, columns));
        Map<String, ThresholdConfig> thresholds = ThresholdConfig.parseAll(optional(root, THRESHOLDS), problemType);
        FlatBands flatBands = FLAT_BANDS.read(root);
        long maxUnparsedValues = MAX_UNPARSED_VALUES.read(root);
        OutputConfig output = OUTPUT.read(root);
        AlertsConfig alerts = ALERTS.read(root);
        PrometheusConfig prometheus = PROMETHEUS.read(root);
        boolean incremental = INCREMENTAL.read(root);
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
        MonitorConfig config = new MonitorConfig(
                monitor,
                problemType,
                reference,
                referenceProfile,
                analysis,
                targets,
                columns,
                chunking,
                calculators,
                thresholds,
                flatBands,
                output,
                alerts,
                prometheus,
                resolvedYaml,
                incremental,
                runDate,
                maxUnparsedValues,
                fitKey);
        for (CalculatorType<?> type : Calculators.ALL) {
            check(type, config);
        }
        config.thresholds().keySet().forEach(config::checkThreshold);
        return config;
    }

    /**
     * Refuses an override {@code thresholds.<calculator>.<metric>} that would be ignored: its
     * calculator does not run, or the calculator says why it would not apply it.
     */
    private void checkThreshold(String key) {
        String[] parts = key.split("\\.", 2);
        CalculatorType<?> type = Calculators.find(parts[0]).orElseThrow();
        String why = calculators.containsKey(type.name())
                ? refusal(type, parts[1])
                : "calculator " + type.name() + " is not enabled (calculators: " + calculators.keySet()
                        + "), so this threshold would never be used; enable it under calculators or drop the override";
        if (why != null) {
            throw Errors.refused("thresholds." + key, why);
        }
    }

    private <C> String refusal(CalculatorType<C> type, String metric) {
        return type.thresholdRefusal(calculator(type), metric);
    }

    /** The key's section, or null when it is absent. */
    private static Section optional(Section root, Key<?> key) {
        return root.has(key.name()) ? root.section(key.name()) : null;
    }

    private static <C> void check(CalculatorType<C> type, MonitorConfig config) {
        C c = config.calculator(type);
        if (c != null) {
            type.check(c, config);
        }
    }

    /**
     * Everything a fit depends on but the reference's location ({@link #fitKey} without the {@code
     * reference} section): what a stored profile's configuration fingerprint covers.
     */
    public String configurationKey() {
        return ResolvedYaml.configurationKey(fitKey);
    }

    /** The configuration of one calculator, or null when it is not enabled. */
    @SuppressWarnings("unchecked")
    public <C> C calculator(CalculatorType<C> type) {
        return (C) calculators.get(type.name());
    }
}
