package dev.vigil.pipeline;

import static org.apache.spark.sql.functions.*;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.calculators.RowCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import dev.vigil.internal.Version;
import dev.vigil.io.DataReader;
import dev.vigil.io.SchemaCheck;
import dev.vigil.ml.Chunked;
import dev.vigil.ml.SparkLearner;
import dev.vigil.profile.ProfileStore;
import dev.vigil.profile.ReferenceFit;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.ResultRow;
import dev.vigil.scan.Scanner;
import dev.vigil.stats.StateSpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring run: read → check → chunk → scan reference (1 pass, +1 when a calculator refines)
 * → fit (+1 reference pass over the fitted columns when a calculator asks, e.g. DLE) → scan
 * analysis (1 pass) → calculate → MERGE into {@code results}, and one row in {@code runs}, failed
 * runs included. {@link RowCalculator}s (the domain classifier) then work on the chunked rows
 * themselves, with jobs per chunk.
 */
public final class MonitorRun {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorRun.class);

  /**
   * Reference passes after the first (multivariate drift needs two: co-moments, then the chunks'
   * errors).
   */
  static final int MAX_REFINEMENT_PASSES = 2;

  /** What a run produced. */
  public record Outcome(
      String runId,
      long referenceRows,
      long analysisRows,
      int referenceChunks,
      int analysisChunks,
      List<ResultRow> rows,
      List<Row> distributions,
      double referenceSeconds,
      double analysisSeconds) {
    /** Alerts on analysis chunks. */
    public long alerts() {
      return rows.stream().filter(r -> r.alert() && r.period().equals("analysis")).count();
    }
  }

  /** Inputs read and checked, ready to chunk (shared by run and validate). */
  public record Inputs(
      Dataset<Row> reference,
      Dataset<Row> analysis,
      Dataset<Row> targets,
      dev.vigil.config.ResolvedColumns columns) {}

  private final SparkSession spark;
  private final Clock clock;

  public MonitorRun(SparkSession spark, Clock clock) {
    this.spark = spark;
    this.clock = clock;
  }

  /** Reads the inputs and checks every column role and type; computes nothing. */
  public Inputs prepare(MonitorConfig config) {
    DataReader reader = new DataReader(spark);
    Dataset<Row> reference = reader.read(config.reference());
    Dataset<Row> analysis = reader.read(config.analysis());
    Dataset<Row> targets = config.targets() == null ? null : reader.read(config.targets().input());
    dev.vigil.config.ResolvedColumns columns =
        SchemaCheck.check(
            config,
            reference.schema(),
            analysis.schema(),
            targets == null ? null : targets.schema());
    String ts = config.columns().timestamp();
    if (ts != null) {
      reference = asTimestamp(reference, ts);
      analysis = asTimestamp(analysis, ts);
    }
    reference = dev.vigil.io.InputChecks.apply(config, reference, "reference");
    analysis = dev.vigil.io.InputChecks.apply(config, analysis, "analysis");
    targets = dev.vigil.io.InputChecks.apply(config, targets, "targets");
    return new Inputs(reference, analysis, targets, columns);
  }

  static Dataset<Row> asTimestamp(Dataset<Row> df, String ts) {
    if (df.schema().apply(ts).dataType() instanceof StringType
        || df.schema().apply(ts).dataType().equals(DataTypes.DateType)) {
      return df.withColumn(ts, to_timestamp(col(ts)));
    }
    return df;
  }

  public Outcome run(MonitorConfig config) {
    return run(config, false);
  }

  /**
   * A production run: the stored reference profile when its fingerprint matches (the reference is
   * then not read), else a fit from the reference, stored as the monitor's next profile version
   * ({@code refit} forces one); then the analysis (incrementally when configured), MERGEd into
   * {@code results}; alerts delivered; one row in {@code runs}, failed runs included.
   */
  public Outcome run(MonitorConfig config, boolean refit) {
    Timestamp started = Timestamp.from(clock.instant());
    String runId = UUID.randomUUID().toString();
    DeltaResultSink sink = new DeltaResultSink(spark, config.output().path());
    try {
      Analysis inputs = readAnalysis(config);
      long t0 = System.nanoTime();
      ProfileStore.Stored profile = profile(config, inputs, refit, runId);
      double referenceSeconds = (System.nanoTime() - t0) / 1e9;
      Outcome outcome =
          config.incremental()
              ? new IncrementalRun(spark, this, config, runId, now(), sink)
                  .run(profile, inputs, referenceSeconds)
              : analyze(
                  config,
                  runId,
                  profile.fit(),
                  inputs,
                  () -> readReference(config),
                  referenceSeconds);
      LOG.info("writing {} result rows to {}", outcome.rows().size(), sink.tablePath("results"));
      sink.mergeResults(outcome.rows());
      sink.mergeDistributions(outcome.distributions());
      String alertErrors = deliverAlerts(config, runId, sink, outcome.rows());
      sink.appendRun(
          RowFactory.create(
              runId,
              config.monitor(),
              started,
              Timestamp.from(clock.instant()),
              "succeeded",
              alertErrors,
              outcome.referenceRows(),
              outcome.analysisRows(),
              outcome.analysisChunks(),
              outcome.alerts(),
              config.resolvedYaml(),
              Version.VERSION));
      return outcome;
    } catch (RuntimeException e) {
      try {
        UserException user = dev.vigil.internal.Errors.userError(e);
        String message =
            dev.vigil.internal.Secrets.redact(
                user != null
                    ? user.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        sink.appendRun(
            RowFactory.create(
                runId,
                config.monitor(),
                started,
                Timestamp.from(clock.instant()),
                "failed",
                message,
                null,
                null,
                null,
                null,
                config.resolvedYaml(),
                Version.VERSION));
      } catch (RuntimeException logFailure) {
        LOG.warn(
            "could not record the failed run in {}: {}",
            sink.tablePath("runs"),
            logFailure.getMessage());
      }
      throw e;
    }
  }

  /**
   * {@code vigil fit}: fits on the reference and stores the profile, unless a stored one matches
   * (and {@code refit} is off). Needs the analysis only for its schema (default features are the
   * columns both share); when the analysis is not there yet, the reference's schema stands in.
   */
  public ProfileStore.Stored fit(MonitorConfig config, boolean refit) {
    Analysis inputs;
    try {
      inputs = readAnalysis(config);
    } catch (UserException missing) {
      LOG.info(
          "analysis not readable ({}); resolving the columns against the reference alone",
          missing.getMessage());
      inputs = null;
    }
    return profile(config, inputs, refit, UUID.randomUUID().toString());
  }

  /** The analysis and targets, read lazily (schemas only). */
  record Analysis(Dataset<Row> analysis, Dataset<Row> targets) {}

  Analysis readAnalysis(MonitorConfig config) {
    DataReader reader = new DataReader(spark);
    Dataset<Row> analysis = reader.read(config.analysis());
    Dataset<Row> targets = config.targets() == null ? null : reader.read(config.targets().input());
    String ts = config.columns().timestamp();
    return new Analysis(
        dev.vigil.io.InputChecks.apply(
            config, ts == null ? analysis : asTimestamp(analysis, ts), "analysis"),
        dev.vigil.io.InputChecks.apply(config, targets, "targets"));
  }

  /**
   * The matching stored profile, else a fit from the reference (read here), stored as a new
   * version.
   */
  private ProfileStore.Stored profile(
      MonitorConfig config, Analysis inputs, boolean refit, String runId) {
    ProfileStore store = new ProfileStore(spark, config.output().path());
    String fingerprint = store.fingerprint(config);
    if (!refit) {
      var stored = store.latest(config.monitor(), fingerprint);
      if (stored.isPresent()) {
        ReferenceFit fit = stored.get().fit();
        dev.vigil.config.ResolvedColumns now =
            inputs == null
                ? fit.columns()
                : SchemaCheck.check(
                    config,
                    fit.referenceSchema(),
                    inputs.analysis().schema(),
                    inputs.targets() == null ? null : inputs.targets().schema());
        if (now.equals(fit.columns())) {
          LOG.info(
              "using stored reference profile v{} of {} (the reference is not read)",
              stored.get().version(),
              config.monitor());
          return stored.get();
        }
        LOG.info(
            "the analysis columns differ from stored profile v{}'s; fitting again",
            stored.get().version());
      }
    }
    Dataset<Row> reference = readReference(config);
    StructType analysisSchema = inputs == null ? reference.schema() : inputs.analysis().schema();
    StructType targetsSchema =
        inputs == null || inputs.targets() == null ? null : inputs.targets().schema();
    dev.vigil.config.ResolvedColumns columns =
        SchemaCheck.check(config, reference.schema(), analysisSchema, targetsSchema);
    ReferenceFit fit = fitReference(config, columns, reference);
    return store.save(config, fingerprint, fit, runId, now());
  }

  /**
   * The reference rows, with the timestamp parsed and the model columns' rules applied (lazily).
   */
  private Dataset<Row> readReference(MonitorConfig config) {
    Dataset<Row> reference = new DataReader(spark).read(config.reference());
    String ts = config.columns().timestamp();
    return dev.vigil.io.InputChecks.apply(
        config, ts == null ? reference : asTimestamp(reference, ts), "reference");
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  /**
   * Sends each destination the analysis alerts it has not been sent before (the {@code alerts}
   * table remembers what was sent, so an identical rerun sends nothing); returns the delivery
   * failures, or null.
   */
  private String deliverAlerts(
      MonitorConfig config, String runId, DeltaResultSink sink, List<ResultRow> rows) {
    if (!config.alerts().any()) {
      return null;
    }
    dev.vigil.alerts.AlertDelivery delivery = new dev.vigil.alerts.AlertDelivery(config.alerts());
    List<String> errors = new ArrayList<>();
    for (String destination : delivery.destinations()) {
      java.util.Set<List<Object>> sent = sink.sentAlerts(config.monitor(), destination);
      List<ResultRow> fresh =
          rows.stream()
              .filter(r -> r.alert() && r.period().equals("analysis"))
              .filter(
                  r ->
                      !sent.contains(
                          java.util.Arrays.asList(
                              r.calculator(),
                              r.metric(),
                              r.columnName(),
                              r.segment(),
                              r.period(),
                              r.chunkKey())))
              .toList();
      var outcome =
          delivery.send(destination, config.monitor(), runId, sink.tablePath("results"), fresh);
      if (outcome.delivered()) {
        Timestamp now = Timestamp.from(clock.instant());
        sink.appendSentAlerts(
            fresh.stream()
                .map(
                    r ->
                        RowFactory.create(
                            r.monitor(),
                            r.calculator(),
                            r.metric(),
                            r.columnName(),
                            r.segment(),
                            r.period(),
                            r.chunkKey(),
                            destination,
                            r.value(),
                            runId,
                            now))
                .toList());
        LOG.info("{}: {} new alert(s) sent", destination, fresh.size());
      } else {
        errors.add(outcome.error());
      }
    }
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  /** Everything but the writes, fitted afresh (no stored profile). */
  public Outcome compute(MonitorConfig config, String runId) {
    Inputs inputs = prepare(config);
    long t0 = System.nanoTime();
    ReferenceFit fit = fitReference(config, inputs.columns(), inputs.reference());
    return analyze(
        config,
        runId,
        fit,
        new Analysis(inputs.analysis(), inputs.targets()),
        inputs::reference,
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The reference side: chunk, scan (1 pass, + refinement passes when a calculator asks), fit (+1
   * pass over the fitted columns when a calculator asks, e.g. DLE).
   */
  ReferenceFit fitReference(
      MonitorConfig config, dev.vigil.config.ResolvedColumns columns, Dataset<Row> referenceRows) {
    List<Calculator> calculators = calculators(config, columns);
    String ts = config.columns().timestamp();
    Chunker chunker = new Chunker(config.chunking(), ts);
    Scanner scanner = new Scanner(ts, config.columns().segments());
    Dataset<Row> referenceChunked = chunker.assign(referenceRows, "reference");
    Dataset<Row> reference = derive(calculators, referenceChunked);
    List<ChunkStates> refGroups =
        scanner.scan(reference, specs(calculators, Calculator::referenceSpecs), "reference");
    List<ChunkInfo> refChunks = describe(chunker, refGroups, "reference");
    ChunkTable refTable = ChunkTable.of(refChunks, refGroups);
    // refinement passes: each asks for states parameterised by the earlier passes, until nobody
    // needs more
    for (int round = 1; ; round++) {
      List<StateSpec> refine = new ArrayList<>();
      for (Calculator c : calculators) {
        for (StateSpec s : c.refinementSpecs(refTable)) {
          if (!refTable.has(s) && !refine.contains(s)) {
            refine.add(s);
          }
        }
      }
      if (refine.isEmpty()) {
        break;
      }
      if (round > MAX_REFINEMENT_PASSES) {
        throw new IllegalStateException(
            "calculators asked for more than "
                + MAX_REFINEMENT_PASSES
                + " refinement passes: "
                + refine);
      }
      refTable =
          refTable.with(
              scanner.scan(reference, refine, "reference (refinement pass " + round + ")"));
    }
    List<FittedCalculator> fitted = new ArrayList<>();
    SparkLearner learner = SparkLearner.onReference(reference);
    for (Calculator c : calculators) {
      fitted.add(c.fit(refTable, learner));
    }
    // one more reference pass when a fitted calculator needs states of its fitted columns (DLE's
    // estimates)
    List<StateSpec> afterFit = new ArrayList<>();
    for (FittedCalculator f : fitted) {
      for (StateSpec s : f.fittedReferenceSpecs()) {
        if (!refTable.has(s) && !afterFit.contains(s)) {
          afterFit.add(s);
        }
      }
    }
    if (!afterFit.isEmpty()) {
      refTable =
          refTable.with(
              scanner.scan(
                  SparkLearner.withModelColumns(fitted, reference),
                  afterFit,
                  "reference (fitted columns)"));
    }
    return new ReferenceFit(referenceRows.schema(), columns, List.copyOf(fitted), refTable);
  }

  /**
   * The analysis side of a full run: chunk, scan (1 pass), calculate; frame calculators on the
   * chunked rows.
   */
  Outcome analyze(
      MonitorConfig config,
      String runId,
      ReferenceFit fit,
      Analysis inputs,
      java.util.function.Supplier<Dataset<Row>> referenceRows,
      double referenceSeconds) {
    List<Calculator> calculators = calculators(config, fit.columns());
    List<RowCalculator> frameCalculators = frameCalculators(config, fit.columns());
    String ts = config.columns().timestamp();
    Chunker chunker = new Chunker(config.chunking(), ts);
    Scanner scanner = new Scanner(ts, config.columns().segments());
    List<FittedCalculator> fitted = fit.fitted();
    ChunkTable refTable = fit.reference();
    List<ChunkInfo> refChunks = refTable.chunks();

    long t1 = System.nanoTime();
    Dataset<Row> analysisChunked = chunker.assign(inputs.analysis(), "analysis");
    Dataset<Row> analysis =
        SparkLearner.withModelColumns(
            fitted, derive(calculators, withTargets(config, analysisChunked, inputs.targets())));
    List<StateSpec> anaSpecs = new ArrayList<>();
    fitted.forEach(f -> anaSpecs.addAll(f.analysisSpecs()));
    List<ChunkStates> anaGroups = scanner.scan(analysis, anaSpecs, "analysis");
    List<ChunkInfo> anaChunks = describe(chunker, anaGroups, "analysis");
    ChunkTable anaTable = ChunkTable.of(anaChunks, anaGroups);

    long t2 = System.nanoTime();
    Timestamp now = now();
    java.time.Instant asOf = asOf(config);
    Results out = new Results(config.monitor(), runId, now);
    out.add(fitted, "reference", refTable, null, chunker.completeness(refChunks, asOf));
    out.add(fitted, "analysis", anaTable, null, chunker.completeness(anaChunks, asOf));
    for (RowCalculator f : frameCalculators) {
      // the whole population only: a model per chunk and segment would multiply this calculator's
      // cost
      if (!config.columns().segments().isEmpty()) {
        LOG.info("{}: computed for the whole population only, not per segment", f.name());
      }
      RowCalculator.Results r =
          f.calculate(
              refTable,
              anaTable,
              SparkLearner.onChunks(
                  () ->
                      new Chunked(
                          chunker.withRowPositions(
                              chunker.assign(referenceRows.get(), "reference"), "reference"),
                          refChunks),
                  () ->
                      new Chunked(
                          chunker.withRowPositions(analysisChunked, "analysis"), anaChunks)));
      out.rows.addAll(
          toRows(
              config.monitor(),
              "reference",
              refTable,
              r.reference(),
              runId,
              now,
              chunker.completeness(refChunks, asOf),
              null));
      out.rows.addAll(
          toRows(
              config.monitor(),
              "analysis",
              anaTable,
              r.analysis(),
              runId,
              now,
              chunker.completeness(anaChunks, asOf),
              null));
    }
    long anaRows = anaChunks.stream().mapToLong(ChunkInfo::rows).sum();
    return new Outcome(
        runId,
        fit.rows(),
        anaRows,
        refChunks.size(),
        anaChunks.size(),
        out.rows,
        out.distributions,
        referenceSeconds,
        (t2 - t1) / 1e9);
  }

  /** Periods that end by this instant are complete: the end of {@code --run-date}, else now. */
  java.time.Instant asOf(MonitorConfig config) {
    return config.runDate() != null
        ? config.runDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        : clock.instant();
  }

  /** Result and distribution rows being gathered for one run. */
  static final class Results {
    final String monitor;
    final String runId;
    final Timestamp now;
    final List<ResultRow> rows = new ArrayList<>();
    final List<Row> distributions = new ArrayList<>();

    Results(String monitor, String runId, Timestamp now) {
      this.monitor = monitor;
      this.runId = runId;
      this.now = now;
    }

    /**
     * Every fitted calculator's rows on one dataset's table; {@code chunks} maps the table's chunk
     * indices to the chunks the rows describe (null: the table's own), for a table holding only
     * some of a dataset's chunks.
     */
    void add(
        List<FittedCalculator> fitted,
        String period,
        ChunkTable table,
        List<ChunkInfo> chunks,
        java.util.function.Predicate<ChunkInfo> complete) {
      boolean reference = period.equals("reference");
      for (FittedCalculator f : fitted) {
        rows.addAll(
            toRows(
                monitor,
                period,
                table,
                reference ? f.reference(table) : f.calculate(table),
                runId,
                now,
                complete,
                chunks));
        distributions.addAll(
            distributionRows(monitor, period, table, f.distributions(table), runId, now, chunks));
      }
    }
  }

  /** Adds the calculators' derived columns (Spark SQL expressions). */
  static Dataset<Row> derive(List<Calculator> calculators, Dataset<Row> df) {
    for (Calculator c : calculators) {
      for (var e : c.derivedColumns().entrySet()) {
        df = df.withColumn(e.getKey(), expr(e.getValue()));
      }
    }
    return df;
  }

  /**
   * Joins delayed targets on the id, after chunking, so the join cannot change row positions.
   * Without targets the target column is all null: realized metrics are then null, not an error.
   */
  static Dataset<Row> withTargets(
      MonitorConfig config, Dataset<Row> analysis, Dataset<Row> targets) {
    String target = config.columns().target();
    if (target == null || List.of(analysis.columns()).contains(target)) {
      return analysis;
    }
    if (targets == null) {
      return analysis.withColumn(target, lit(null).cast(DataTypes.DoubleType));
    }
    String id = config.targets().joinOn();
    // one row per id, so the join cannot duplicate analysis rows; an id with several rows fails the
    // run when the
    // scan reads the target (exit 2, quoting the id) — the aggregation shares the join's shuffle of
    // the targets
    Dataset<Row> t =
        targets
            .groupBy(col(id).as("_target_id"))
            .agg(first(col(target)).as(target), count(lit(1)).as("_target_rows"));
    Column checked =
        when(
                col("_target_rows").gt(1),
                dev.vigil.io.JobErrors.failInJob(
                    concat(
                        lit(
                            "configuration key 'targets.join_on': the targets table has more than one row for id '"),
                        col("_target_id").cast("string"),
                        lit("' (column '" + id + "'); expected one target per id"))))
            .otherwise(col(target));
    return analysis
        .join(t, analysis.col(id).equalTo(t.col("_target_id")), "left")
        .withColumn(target, checked)
        .drop("_target_id", "_target_rows");
  }

  static List<ChunkInfo> describe(Chunker chunker, List<ChunkStates> groups, String what) {
    List<ChunkInfo> chunks = chunker.describe(groups, what);
    if (chunks.isEmpty()) {
      throw new UserException(
          "the "
              + what
              + " data has no rows in any chunk; expected at least one chunk of data"
              + " (check the input path, and that the timestamp column is filled for period chunking)");
    }
    LOG.info("{}: {} chunks", what, chunks.size());
    return chunks;
  }

  /** The scan-based calculators the configuration enables. */
  static List<Calculator> calculators(
      MonitorConfig config, dev.vigil.config.ResolvedColumns columns) {
    return dev.vigil.calculators.Calculators.build(config, columns).scans();
  }

  /** The row-based calculators (the domain classifier), run after the scans. */
  static List<RowCalculator> frameCalculators(
      MonitorConfig config, dev.vigil.config.ResolvedColumns columns) {
    return dev.vigil.calculators.Calculators.build(config, columns).rows();
  }

  static List<StateSpec> specs(
      List<Calculator> calculators, java.util.function.Function<Calculator, List<StateSpec>> f) {
    List<StateSpec> out = new ArrayList<>();
    calculators.forEach(c -> out.addAll(f.apply(c)));
    return out;
  }

  private static List<Row> distributionRows(
      String monitor,
      String period,
      ChunkTable table,
      List<dev.vigil.calculators.DistributionBin> bins,
      String runId,
      Timestamp now,
      List<ChunkInfo> chunks) {
    List<Row> rows = new ArrayList<>(bins.size());
    for (var b : bins) {
      ChunkInfo c = (chunks != null ? chunks : table.chunks()).get(b.chunkIndex());
      rows.add(
          RowFactory.create(
              monitor,
              b.column(),
              b.segment(),
              period,
              c.index(),
              c.key(),
              b.kind(),
              b.bin(),
              b.lower(),
              b.upper(),
              b.count(),
              b.proportion(),
              runId,
              now));
    }
    return rows;
  }

  /**
   * Result rows: the chunk's key, positions and dates; {@code chunk_rows} is the segment's rows in
   * the chunk. {@code chunks}: the chunks the table's indices stand for (null: the table's own).
   */
  static List<ResultRow> toRows(
      String monitor,
      String period,
      ChunkTable table,
      List<Measurement> ms,
      String runId,
      Timestamp now,
      java.util.function.Predicate<ChunkInfo> complete,
      List<ChunkInfo> chunks) {
    List<ResultRow> rows = new ArrayList<>(ms.size());
    for (Measurement m : ms) {
      ChunkInfo c = (chunks != null ? chunks : table.chunks()).get(m.chunkIndex());
      rows.add(
          new ResultRow(
              monitor,
              m.calculator(),
              m.metric(),
              m.column(),
              m.segment(),
              period,
              c.index(),
              c.key(),
              c.startIndex(),
              c.endIndex(),
              c.startDate(),
              c.endDate(),
              table.rows(m.segment(), m.chunkIndex()),
              complete.test(c),
              m.value(),
              m.pValue(),
              m.samplingError(),
              m.realized(),
              m.lowerConfidenceBound(),
              m.upperConfidenceBound(),
              m.lowerThreshold(),
              m.upperThreshold(),
              m.alert(),
              runId,
              now));
    }
    return rows;
  }
}
