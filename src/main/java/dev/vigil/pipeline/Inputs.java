package dev.vigil.pipeline;

import dev.vigil.config.InputSpec;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.UserException;
import dev.vigil.io.DataReader;
import dev.vigil.io.FormatLimits;
import dev.vigil.io.InputChecks;
import dev.vigil.io.SchemaCheck;
import dev.vigil.io.UnparsedValues;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's inputs — the reference, the analysis and the targets — each read once, when first asked
 * for (lazily: a read is its schema, plus schema inference for csv), with the timestamp parsed and
 * the model columns' row rules applied ({@link InputChecks}). The analysis and the targets are read
 * together, analysis first. Other analysis sources (an incremental run's earlier partitions) are
 * read the same way.
 */
public final class Inputs {
    private static final Logger LOG = LoggerFactory.getLogger(Inputs.class);

    private final MonitorConfig config;
    private final DataReader reader;
    private Dataset<Row> rawReference;
    private Dataset<Row> rawAnalysis;
    private Dataset<Row> rawTargets;
    private boolean targetsRead;
    private Dataset<Row> reference;
    private Dataset<Row> analysis;
    private Dataset<Row> targets;
    private ResolvedColumns columns;

    public Inputs(SparkSession spark, MonitorConfig config) {
        this.config = config;
        this.reader = new DataReader(spark);
    }

    /**
     * Reads all three (reference first) and checks every column role and type against their schemas
     * as read; the features resolved.
     */
    public ResolvedColumns columns() {
        if (columns == null) {
            StructType ref = rawReference().schema();
            StructType ana = rawAnalysis().schema();
            Dataset<Row> t = rawTargets();
            try {
                columns = SchemaCheck.check(config, ref, ana, t == null ? null : t.schema());
            } catch (UserException e) {
                throw formatLimitOr(e, emptyInputOr(e, true), ref, ana, t == null ? null : t.schema());
            }
        }
        return columns;
    }

    /**
     * A schema error on an input without rows is that input's emptiness (a header-only CSV reads as
     * columns of strings): the error then names the empty input. Runs a job only on this error path.
     */
    private UserException emptyInputOr(UserException e, boolean withReference) {
        if (withReference && rawReference().isEmpty()) {
            return empty(config.reference());
        }
        if (rawAnalysis().isEmpty()) {
            return empty(config.analysis());
        }
        Dataset<Row> t = rawTargets();
        return t != null && t.isEmpty() ? empty(config.targets().input()) : e;
    }

    private static UserException empty(InputSpec spec) {
        return new UserException("the "
                + spec.key()
                + " data ('"
                + spec.location()
                + "') has no rows; expected at least one row (an empty or header-only file)");
    }

    /**
     * The columns resolved against a reference schema (the reference's as checked, or a stored
     * profile's) and this analysis and targets; without them, the reference's schema stands in for
     * the analysis's.
     */
    ResolvedColumns columnsWith(StructType referenceSchema, boolean withAnalysis) {
        if (!withAnalysis) {
            return SchemaCheck.check(config, referenceSchema, referenceSchema, null);
        }
        try {
            return SchemaCheck.check(
                    config,
                    referenceSchema,
                    analysis().schema(),
                    targets() == null ? null : targets().schema());
        } catch (UserException e) {
            throw formatLimitOr(
                    e,
                    emptyInputOr(e, false),
                    referenceSchema,
                    analysis().schema(),
                    targets() == null ? null : targets().schema());
        }
    }

    /**
     * A configured column an input lacks because its format cannot hold the name (a backtick in ORC,
     * ...): that error, naming the format and what to do; else {@code explained}, the schema error
     * {@code e} or the empty input that caused it.
     */
    private UserException formatLimitOr(
            UserException e, UserException explained, StructType ref, StructType ana, StructType targets) {
        if (explained != e) {
            return explained;
        }
        UserException limit = FormatLimits.check(config, ref, ana, targets);
        return limit != null ? limit : e;
    }

    /**
     * Whether the analysis and the targets can be read; when not ({@code vigil fit} before the first
     * partition arrives), logged, and the reference's schema stands in for the analysis's.
     */
    boolean analysisReadable() {
        try {
            analysis();
            return true;
        } catch (UserException missing) {
            LOG.info(
                    "analysis not readable ({}); resolving the columns against the reference alone",
                    missing.getMessage());
            return false;
        }
    }

    public Dataset<Row> reference() {
        if (reference == null) {
            reference = checked(rawReference(), "reference");
        }
        return reference;
    }

    public Dataset<Row> analysis() {
        if (analysis == null) {
            Dataset<Row> raw = rawAnalysis();
            rawTargets();
            analysis = checked(raw, "analysis");
        }
        return analysis;
    }

    /** The targets table, or null without one. */
    public Dataset<Row> targets() {
        analysis();
        if (targets == null && config.targets() != null) {
            targets = InputChecks.apply(config, rawTargets(), "targets");
        }
        return targets;
    }

    /** Another analysis source (the same input at another path), read and checked the same way. */
    Dataset<Row> analysisSource(String path) {
        return checked(rawAnalysisSource(path), "analysis");
    }

    /** Another analysis source as it is. */
    Dataset<Row> rawAnalysisSource(String path) {
        InputSpec spec = config.analysis();
        return reader.read(new InputSpec(spec.key(), path, null, spec.format(), spec.options()));
    }

    private Dataset<Row> rawReference() {
        if (rawReference == null) {
            rawReference = reader.read(config.reference());
        }
        return rawReference;
    }

    private Dataset<Row> rawAnalysis() {
        if (rawAnalysis == null) {
            rawAnalysis = reader.read(config.analysis());
        }
        return rawAnalysis;
    }

    private Dataset<Row> rawTargets() {
        if (!targetsRead && config.targets() != null) {
            rawTargets = reader.read(config.targets().input());
            targetsRead = true;
        }
        return rawTargets;
    }

    /**
     * The timestamp parsed (a string or date column; a text that does not parse kept aside for the
     * scan to count, {@link UnparsedValues}), then the row rules of {@link InputChecks}.
     */
    private Dataset<Row> checked(Dataset<Row> df, String what) {
        String ts = config.columns().timestamp();
        return InputChecks.apply(config, ts == null ? df : UnparsedValues.parseTimestamp(df, ts), what);
    }
}
