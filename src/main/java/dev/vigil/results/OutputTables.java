package dev.vigil.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of output tables: one declaration per Delta table Vigil writes. The sinks write them
 * by these declarations, {@code vigil export --table} accepts the exportable ones and sorts by
 * their export order, and the list in docs/output-tables.md is generated from here ({@link
 * OutputTablesDoc}). Adding a table: its declaration here, in {@link #ALL}, and the code that fills
 * it.
 */
public final class OutputTables {
    private OutputTables() {}

    /** One row per monitor × calculator × metric × column × segment × chunk (CONTRACT §3). */
    public static final OutputTable RESULTS = OutputTable.merged(
                    "results", "one row per monitor × calculator × metric × column × segment × chunk")
            .columns(
                    "monitor STRING NOT NULL, calculator STRING NOT NULL, metric STRING NOT NULL,"
                            + " column_name STRING, segment STRING, period STRING NOT NULL,"
                            + " chunk_index INT NOT NULL, chunk_key STRING NOT NULL,"
                            + " chunk_start_index BIGINT NOT NULL, chunk_end_index BIGINT NOT NULL,"
                            + " chunk_start_date TIMESTAMP, chunk_end_date TIMESTAMP,"
                            + " chunk_rows BIGINT NOT NULL, chunk_complete BOOLEAN, value DOUBLE,"
                            + " p_value DOUBLE, sampling_error DOUBLE, realized DOUBLE,"
                            + " lower_confidence_bound DOUBLE, upper_confidence_bound DOUBLE,"
                            + " lower_threshold DOUBLE, upper_threshold DOUBLE, alert BOOLEAN NOT NULL, note STRING,"
                            + " approximate BOOLEAN, error_bound DOUBLE, run_id STRING NOT NULL, computed_at TIMESTAMP NOT NULL")
            .key("monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_key")
            .exportOrder("monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_index")
            .partitionedBy("monitor");

    /** Binned distributions per column and chunk, for distribution plots. */
    public static final OutputTable DISTRIBUTIONS = OutputTable.merged(
                    "distributions", "the binned distribution of every drift column per segment and chunk")
            .columns("monitor STRING NOT NULL, column_name STRING NOT NULL, segment STRING,"
                    + " period STRING NOT NULL, chunk_index INT NOT NULL, chunk_key STRING NOT NULL,"
                    + " kind STRING NOT NULL, bin STRING NOT NULL, bin_lower DOUBLE, bin_upper DOUBLE,"
                    + " count BIGINT NOT NULL, proportion DOUBLE NOT NULL, run_id STRING NOT NULL,"
                    + " computed_at TIMESTAMP NOT NULL")
            .key("monitor", "column_name", "segment", "period", "chunk_key", "bin")
            .exportOrder("monitor", "column_name", "segment", "period", "chunk_index", "kind", "bin")
            .partitionedBy("monitor");

    /**
     * One row per alert sent to a destination: the result's key (what is never sent twice), then the
     * sending.
     */
    public static final OutputTable ALERTS = OutputTable.appended(
                    "alerts",
                    "one row per alert sent to a destination; an alert is sent once per result key and"
                            + " destination")
            .columns(Columns.ddl(RESULTS.schema(), RESULTS.key())
                    + ", destination STRING NOT NULL, value DOUBLE, run_id STRING NOT NULL,"
                    + " sent_at TIMESTAMP NOT NULL")
            .key(with(RESULTS.key(), "destination"))
            .exportOrder(with(RESULTS.key(), "destination", "sent_at"));

    /** One row per run, failed runs included. */
    public static final OutputTable RUNS = OutputTable.appended(
                    "runs",
                    "one row per run, failed runs included (a run whose configuration is wrong too, where its"
                            + " monitor and output can be read)")
            .columns("run_id STRING NOT NULL, monitor STRING NOT NULL, started_at TIMESTAMP NOT NULL,"
                    + " finished_at TIMESTAMP NOT NULL, status STRING NOT NULL, error STRING,"
                    + " rows_reference BIGINT, rows_analysis BIGINT, chunks INT, alerts BIGINT,"
                    + " config STRING, vigil_version STRING NOT NULL, profile_version BIGINT,"
                    + " profile_source STRING")
            .key("run_id")
            .exportOrder("started_at", "run_id");

    /**
     * One row per fit: what the calculators learned from the reference, as a blob; a blob larger than
     * {@code ProfileStore.PART_BYTES} in parts, one row each ({@code part} 0, 1, ...; null on rows an
     * earlier version wrote, always whole).
     */
    public static final OutputTable REFERENCE_PROFILES = OutputTable.appended(
                    "reference_profiles",
                    "one row per fit of a monitor's reference (what the calculators learned, as a blob; a blob"
                            + " above 4 MiB in parts, one row each, numbered by `part`)")
            .columns("monitor STRING NOT NULL, version BIGINT NOT NULL, fingerprint STRING NOT NULL,"
                    + " reference STRING NOT NULL, reference_rows BIGINT NOT NULL,"
                    + " reference_chunks INT NOT NULL, calculators STRING NOT NULL,"
                    + " profile_bytes BIGINT NOT NULL, profile BINARY NOT NULL,"
                    + " vigil_version STRING NOT NULL, spark_version STRING NOT NULL,"
                    + " run_id STRING NOT NULL, fitted_at TIMESTAMP NOT NULL, config_fingerprint STRING,"
                    + " part INT")
            .key("monitor", "version", "part");

    /** Incremental runs' mergeable analysis states per source, segment and chunk, as blobs. */
    public static final OutputTable CHUNK_STATES = OutputTable.replaced(
                    "chunk_states",
                    "incremental runs' mergeable analysis states per source, segment and chunk (as" + " blobs)")
            .columns("monitor STRING NOT NULL, profile_version BIGINT NOT NULL, source STRING NOT NULL,"
                    + " segment STRING, chunk_group BIGINT, rows BIGINT NOT NULL, min_time TIMESTAMP,"
                    + " max_time TIMESTAMP, target_rows BIGINT, states BINARY NOT NULL,"
                    + " run_id STRING NOT NULL, computed_at TIMESTAMP NOT NULL")
            .key("monitor", "source", "segment", "chunk_group");

    /**
     * What identifies one ranking: the ranker, the drift metric and the performance series (an
     * underperforming_segments ranking: the ranker and its metric, drift_calculator "performance";
     * each row's performance_calculator says the source it used).
     */
    private static final List<String> RANKING = List.of(
            "monitor", "ranker", "drift_calculator", "drift_metric", "performance_calculator", "performance_metric");

    /** NannyML's feature rankings of a monitor, written by {@code vigil report}. */
    public static final OutputTable RANKINGS = OutputTable.replaced(
                    "rankings", "written by `vigil report`: one row per ranked column of each ranking")
            .columns("monitor STRING NOT NULL, ranker STRING NOT NULL, drift_calculator STRING NOT NULL,"
                    + " drift_metric STRING NOT NULL, performance_calculator STRING,"
                    + " performance_metric STRING, column_name STRING NOT NULL, rank INT NOT NULL,"
                    + " number_of_alerts BIGINT NOT NULL, pearsonr_correlation DOUBLE,"
                    + " pearsonr_pvalue DOUBLE, has_drifted BOOLEAN NOT NULL, chunks INT NOT NULL,"
                    // underperforming_segments (added later: ALTER TABLE ADD COLUMNS on older tables)
                    + " relative_performance DOUBLE, relative_in_sampling_errors DOUBLE,"
                    + " higher_is_better BOOLEAN")
            .key(with(RANKING, "column_name"))
            .exportOrder(with(RANKING, "rank", "column_name"));

    /** Every output table, in the order the documentation lists them. */
    public static final List<OutputTable> ALL =
            List.of(RESULTS, DISTRIBUTIONS, ALERTS, RUNS, REFERENCE_PROFILES, CHUNK_STATES, RANKINGS);

    /** The tables {@code vigil export} writes. */
    public static List<OutputTable> exportable() {
        return ALL.stream().filter(OutputTable::exportable).toList();
    }

    public static Optional<OutputTable> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static String[] with(List<String> columns, String... more) {
        List<String> out = new ArrayList<>(columns);
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}
