package dev.vigil.pipeline;

import dev.vigil.alerts.PrometheusPush;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.config.ConfigFailure;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.io.SchemaCheck;
import dev.vigil.profile.ProfileStore;
import dev.vigil.profile.ReferenceFit;
import dev.vigil.results.BiViews;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.ResultRow;
import dev.vigil.scan.Scanner;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring run, as its stages in order: the inputs read once ({@link Inputs}) → the reference
 * profile, stored or fitted ({@link ProfileStage}, {@link ReferenceStage}: 1 reference pass, +1 or
 * +2 when a calculator refines, +1 over the fitted columns when a calculator asks, e.g. DLE) → the
 * analysis, chunked and scanned once ({@link AnalysisStage}; incrementally by {@link
 * IncrementalRun} when configured) → result rows ({@link ResultRows}; the row calculators, i.e. the
 * domain classifier, on the chunked rows: {@link RowCalculatorStage}) → MERGEd into {@code results}
 * and {@code distributions} ({@link WriteStage}) → alerts sent ({@link AlertDispatch}) → one row in
 * {@code runs}, failed runs included ({@link RunRecord}).
 */
public final class MonitorRun {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorRun.class);

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
            return rows.stream()
                    .filter(r -> r.alert() && r.period().equals("analysis"))
                    .count();
        }
    }

    private final SparkSession spark;
    private final Clock clock;

    public MonitorRun(SparkSession spark, Clock clock) {
        this.spark = spark;
        this.clock = clock;
    }

    /** Reads the inputs and checks every column role and type; computes nothing. */
    public Inputs prepare(MonitorConfig config) {
        Inputs inputs = new Inputs(spark, config);
        inputs.columns();
        inputs.reference();
        inputs.analysis();
        inputs.targets();
        return inputs;
    }

    /**
     * {@code vigil validate}: the resolved columns, every role and type checked against the inputs'
     * schemas; with only a pinned profile for the reference ({@code reference: {profile: ...}}), its
     * stored reference schema stands in for the reference's (the pin itself checked too).
     */
    public ResolvedColumns validate(MonitorConfig config) {
        if (!config.reference().isAbsent()) {
            Inputs inputs = prepare(config);
            // the predicate slices parse and resolve on both datasets (schemas only, no Spark job)
            Scanner.sliceColumns(inputs.reference(), config.columns().segmentation());
            Scanner.sliceColumns(
                    AnalysisStage.withTargets(config, inputs.analysis(), inputs.targets()),
                    config.columns().segmentation());
            return inputs.columns();
        }
        RunContext run = new RunContext(spark, config, "validate", clock);
        Inputs inputs = new Inputs(spark, config);
        ReferenceFit fit = new ProfileStage(run)
                .profile(inputs, true, false, true)
                .stored()
                .fit();
        return inputs.columnsWith(fit.referenceSchema(), true);
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
        RunContext run = new RunContext(spark, config, UUID.randomUUID().toString(), clock);
        DeltaResultSink sink = new DeltaResultSink(spark, config.output());
        RunRecord record = new RunRecord(run, sink);
        ProfileStore.Stored profile = null;
        try (RunTimings timings = new RunTimings(spark)) {
            try {
                sink.prepare(); // catalog tables: the schema and every table, before any work
                long t0 = System.nanoTime();
                // the stored profile is looked up while the inputs' schemas are read
                ProfileStage profiles = new ProfileStage(run).prefetch(refit);
                Inputs inputs = new Inputs(spark, config);
                inputs.targets(); // the analysis and the targets: read (schemas) before anything else
                timings.lap("read");
                long referenceStart = System.nanoTime();
                ProfileStage.Used used = profiles.profile(inputs, true, refit, true);
                record.profile(used.stored().version(), used.source().column());
                profile = used.stored();
                double referenceSeconds = (System.nanoTime() - referenceStart) / 1e9;
                timings.lap("reference");
                if (config.incremental()) {
                    profile.awaitWritten(); // its chunk states name the profile's version
                }
                Outcome outcome = config.incremental()
                        ? new IncrementalRun(run, sink, inputs, profile).run(referenceSeconds)
                        : analyze(run, profile.fit(), inputs, referenceSeconds);
                timings.lap("analysis");
                timings.part("analysis_scan", outcome.analysisSeconds());
                profile.awaitWritten(); // a fitted profile is stored before any result that used it
                timings.lap("profile_store_wait");
                WriteStage.write(sink, outcome);
                timings.lap("writes");
                String deliveryErrors = new AlertDispatch(run, sink).deliver(outcome.rows());
                String pushError = PrometheusPush.push(
                        config.prometheus(),
                        run.monitor(),
                        outcome.rows(),
                        new PrometheusPush.RunFigures(
                                (System.nanoTime() - t0) / 1e9,
                                outcome.referenceRows(),
                                outcome.analysisRows(),
                                outcome.alerts(),
                                run.now().getTime() / 1000.0));
                timings.lap("alerts");
                record.succeeded(outcome, joined(deliveryErrors, pushError));
                BiViews.createMissing(sink.tables());
                timings.lap("record");
                LOG.info(timings.line());
                return outcome;
            } catch (Exception e) {
                // Exception, not RuntimeException: a check that fails inside a Spark job reaches the
                // driver as a checked SparkException, and that run must be recorded too (rethrown as is)
                record.failed(e);
                awaitQuietly(profile);
                throw e;
            }
        }
    }

    /**
     * A failed run still lets a profile it fitted reach its table (the process may exit next); that
     * store's own failure is only logged, behind the run's error.
     */
    private static void awaitQuietly(ProfileStore.Stored profile) {
        if (profile == null) {
            return;
        }
        try {
            profile.awaitWritten();
        } catch (RuntimeException e) {
            LOG.warn("the fitted reference profile was not stored either: {}", e.getMessage());
        }
    }

    /** The delivery problems of a run, or null when there were none. */
    private static String joined(String... errors) {
        List<String> present = Arrays.stream(errors).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : String.join("; ", present);
    }

    /**
     * Records a run whose configuration failed but names its monitor and output ({@link
     * ConfigFailure}): a failed row in that output's {@code runs}, with the error. A failure to record
     * it is logged; the caller reports the configuration's own error.
     */
    public void recordFailedConfiguration(ConfigFailure failure) {
        try {
            DeltaResultSink sink = new DeltaResultSink(spark, failure.output());
            sink.prepare();
            new RunRecord(UUID.randomUUID().toString(), failure.monitor(), clock, failure.resolvedYaml(), sink)
                    .failed(failure);
        } catch (RuntimeException e) {
            LOG.warn("could not record the failed run of monitor {}: {}", failure.monitor(), e.getMessage());
        }
    }

    /**
     * {@code vigil fit}: fits on the reference and stores the profile, unless a stored one matches
     * (and {@code refit} is off). Needs the analysis only for its schema (default features are the
     * columns both share); when the analysis is not there yet, the reference's schema stands in.
     */
    public ProfileStore.Stored fit(MonitorConfig config, boolean refit) {
        RunContext run = new RunContext(spark, config, UUID.randomUUID().toString(), clock);
        new DeltaResultSink(spark, config.output()).prepare(); // catalog tables: as a run does
        Inputs inputs = new Inputs(spark, config);
        boolean withAnalysis = inputs.analysisReadable();
        return new ProfileStage(run)
                .profile(inputs, withAnalysis, refit, false)
                .stored()
                .awaitWritten();
    }

    /** Everything but the writes, fitted afresh (no stored profile). */
    public Outcome compute(MonitorConfig config, String runId) {
        Inputs inputs = prepare(config);
        long t0 = System.nanoTime();
        ReferenceFit fit = new ReferenceStage(config).fit(inputs.columns(), inputs.reference());
        return analyze(new RunContext(spark, config, runId, clock), fit, inputs, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The analysis side of a full run: chunk, scan (1 pass), result rows of the fitted calculators on
     * both datasets, then the row calculators on the chunked rows.
     */
    private static Outcome analyze(RunContext run, ReferenceFit fit, Inputs inputs, double referenceSeconds) {
        AnalysisStage stage = new AnalysisStage(run.config(), fit);
        long t1 = System.nanoTime();
        AnalysisStage.Scanned analysis = stage.scan(inputs.analysis(), inputs.targets());
        long t2 = System.nanoTime();
        ResultRows out = new ResultRows(
                run.monitor(), run.runId(), run.now(), run.config().flatBands());
        Passes.noteUnparsed(run.config(), out, fit.unparsed(), analysis.unparsed());
        out.noteChunks(new MissingModelValues(run.config()));
        Instant asOf = run.asOf();
        ChunkTable reference = fit.reference();
        Predicate<ChunkInfo> referenceComplete = stage.chunker().completeness(reference.chunks(), asOf);
        Predicate<ChunkInfo> analysisComplete = stage.chunker().completeness(analysis.chunks(), asOf);
        out.add(fit.fitted(), "reference", reference, null, referenceComplete);
        ResultRows.warnSegmentsWithoutReference(fit.reference(), analysis.table());
        out.add(fit.fitted(), "analysis", analysis.table(), null, analysisComplete);
        out.addSchemaChanges(
                SchemaCheck.changes(run.config(), fit.referenceSchema(), inputs.analysis()),
                analysis.table(),
                null,
                analysisComplete);
        Supplier<Dataset<Row>> referenceRows = inputs::reference;
        new RowCalculatorStage(stage.chunker(), run.config().columns().segmentation(), fit.segmentValues())
                .calculate(
                        stage.rowCalculators(),
                        reference,
                        referenceRows,
                        referenceComplete,
                        analysis,
                        analysisComplete,
                        out);
        return new Outcome(
                run.runId(),
                fit.rows(),
                analysis.rows(),
                reference.chunks().size(),
                analysis.chunks().size(),
                out.rows(),
                out.distributions(),
                referenceSeconds,
                (t2 - t1) / 1e9);
    }
}
