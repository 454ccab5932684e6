package dev.vigil.io;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import dev.vigil.quality.SchemaChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks column roles and types against the input schemas before any computation, and resolves the
 * defaults: features = every column not named elsewhere; categorical = string and boolean features
 * (NannyML's rule: numbers are continuous). A listed feature the analysis lacks or cannot be read as
 * its kind is refused; a defaulted one is left out with one WARN line per column, and {@link
 * #changes} reports it (with the analysis's added columns) as {@code schema_change} result rows.
 */
public final class SchemaCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaCheck.class);

    /** The resolved columns: features split into continuous and categorical. */
    private SchemaCheck() {}

    public static ResolvedColumns check(
            MonitorConfig config, StructType referenceRead, StructType analysisRead, StructType targets) {
        // the input's own columns, without the one Vigil adds when it parses a timestamp text
        StructType reference = UnparsedValues.visible(referenceRead);
        StructType analysis = UnparsedValues.visible(analysisRead);
        ColumnsConfig cols = config.columns();
        List<String> refNames = List.of(reference.fieldNames());
        List<String> anaNames = List.of(analysis.fieldNames());
        RoleTypes label = RoleTypes.label(config.problemType());
        // role columns: present, then of a type the role accepts (RoleTypes), in every input that has them
        requireIn("columns.timestamp", cols.timestamp(), reference, "reference");
        requireIn("columns.timestamp", cols.timestamp(), analysis, "analysis");
        RoleTypes.TIMESTAMP.require("columns.timestamp", cols.timestamp(), reference, "reference");
        RoleTypes.TIMESTAMP.require("columns.timestamp", cols.timestamp(), analysis, "analysis");
        requireIn("columns.prediction", cols.prediction(), reference, "reference");
        requireIn("columns.prediction", cols.prediction(), analysis, "analysis");
        for (var e : cols.scores().entrySet()) {
            String key = e.getKey().isEmpty() ? "columns.scores" : "columns.scores." + e.getKey();
            requireIn(key, e.getValue(), reference, "reference");
            requireIn(key, e.getValue(), analysis, "analysis");
            RoleTypes.SCORE.require(key, e.getValue(), reference, "reference");
            RoleTypes.SCORE.require(key, e.getValue(), analysis, "analysis");
        }
        for (String s : cols.segments()) {
            requireIn("columns.segments", s, reference, "reference");
            requireIn("columns.segments", s, analysis, "analysis");
            RoleTypes.SEGMENT.require("columns.segments", s, reference, "reference");
            RoleTypes.SEGMENT.require("columns.segments", s, analysis, "analysis");
        }
        requireIn("columns.target", cols.target(), reference, "reference");
        if (cols.target() != null && !anaNames.contains(cols.target())) {
            if (targets == null) {
                // targets may be absent in analysis: realized metrics are then null, not an error
            } else {
                requireIn("columns.target", cols.target(), targets, "targets");
            }
        }
        if (cols.id() != null) {
            requireIn("columns.id", cols.id(), analysis, "analysis");
            RoleTypes.ID.require("columns.id", cols.id(), reference, "reference");
            RoleTypes.ID.require("columns.id", cols.id(), analysis, "analysis");
        }
        if (config.targets() != null && targets != null) {
            String join = config.targets().joinOn();
            requireIn("targets.join_on", join, analysis, "analysis");
            requireIn("targets.join_on", join, targets, "targets");
            RoleTypes.ID.require("targets.join_on", join, analysis, "analysis");
            RoleTypes.ID.require("targets.join_on", join, targets, "targets");
            requireSameKind(join, analysis, targets);
        }
        // features
        Set<String> roles = new LinkedHashSet<>(cols.roleColumns());
        List<String> features;
        if (cols.features() != null) {
            features = cols.features();
            for (String f : features) {
                requireIn("columns.features", f, reference, "reference");
                requireIn("columns.features", f, analysis, "analysis");
            }
        } else {
            features = new ArrayList<>();
            for (String n : refNames) {
                if (!roles.contains(n) && anaNames.contains(n)) {
                    features.add(n);
                } else if (!roles.contains(n) && monitorable(reference.apply(n).dataType())) {
                    // not silent: reported as a schema_change row, and said here
                    LOG.warn(
                            "reference column '{}' is not in the analysis data ('{}'): not monitored, reported as a"
                                    + " data_quality schema_change result (columns.features defaults to the columns"
                                    + " both have; list the features in columns.features to have a missing one"
                                    + " refused)",
                            n,
                            config.analysis().location());
                }
            }
        }
        if (cols.categorical() != null) {
            for (String c : cols.categorical()) {
                if (!features.contains(c) && !roles.contains(c)) {
                    throw Errors.unknownColumn("columns.categorical", c, "features", features);
                }
            }
        }
        List<String> continuous = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        // defaulted features whose analysis type their kind cannot read are left out (and reported);
        // listed ones are refused
        boolean defaulted = cols.features() == null;
        for (String f : features) {
            DataType rt = reference.apply(f).dataType();
            DataType at = analysis.apply(f).dataType();
            boolean declaredCategorical =
                    cols.categorical() != null && cols.categorical().contains(f);
            boolean isText = rt instanceof StringType || rt instanceof BooleanType;
            if (declaredCategorical || (cols.categorical() == null && isText)) {
                String key = declaredCategorical ? "columns.categorical" : "columns.features";
                RoleTypes.CATEGORICAL.require(key, f, reference, "reference");
                if (defaulted && !declaredCategorical && !RoleTypes.CATEGORICAL.accepts(at)) {
                    warnRetyped(config, f, rt, at);
                    continue;
                }
                RoleTypes.CATEGORICAL.require(key, f, analysis, "analysis");
                categorical.add(f);
            } else if (rt instanceof NumericType) {
                if (!(at instanceof NumericType) && defaulted) {
                    warnRetyped(config, f, rt, at);
                    continue;
                }
                if (!(at instanceof NumericType)) {
                    throw new UserException("configuration key 'columns.features': column '"
                            + f
                            + "' is numeric in the reference but "
                            + at.simpleString()
                            + " in the analysis data; expected the same type in both (or list it in"
                            + " columns.categorical)"
                            + RoleTypes.nestedNote(at));
                }
                continuous.add(f);
            } else if (isText) {
                throw new UserException("configuration key 'columns.categorical': feature '"
                        + f
                        + "' has type "
                        + rt.simpleString()
                        + " in the reference data and cannot be continuous; expected it in columns.categorical");
            } else if (cols.features() != null) {
                throw RoleTypes.wrongType(
                        "columns.features",
                        f,
                        "reference",
                        rt,
                        RoleTypes.CONTINUOUS.expected() + ", or " + RoleTypes.CATEGORICAL.expected()
                                + RoleTypes.nestedNote(rt));
            } else {
                leftOut.add(f + " (" + rt.simpleString() + ")");
            }
        }
        if (!leftOut.isEmpty()) {
            // not silent: timestamps, dates, nested, array, map, struct and binary columns are not
            // features unless listed (and listed, the nested ones are refused)
            LOG.warn(
                    "column(s) {} are neither numbers, strings nor booleans and are not monitored (columns.features"
                            + " defaults to the columns of those types)",
                    leftOut);
        }
        requireLabel(label, "columns.prediction", cols.prediction(), reference, analysis, null);
        requireLabel(label, "columns.target", cols.target(), reference, analysis, targets);
        List<String> kept = new ArrayList<>(continuous);
        kept.addAll(categorical);
        features = features.stream().filter(kept::contains).toList();
        refuseInternalNames(cols, features);
        return new ResolvedColumns(List.copyOf(features), List.copyOf(continuous), List.copyOf(categorical));
    }

    /**
     * The analysis's columns against the reference's ({@link SchemaChange} gives the rule): the
     * reference features it lacks or has with a type of another family, then its columns the
     * reference lacks that no role names, each in its schema's order. Nothing when nothing changed.
     */
    public static List<SchemaChange> changes(MonitorConfig config, StructType referenceRead, Dataset<Row> analysis) {
        return changes(config, referenceRead, analysis.schema(), folderColumns(analysis));
    }

    /**
     * The columns Spark reads from the folders of every input file (Hive-style {@code name=value}
     * folders, e.g. a partitioned analysis's {@code date}): the layout, not the data, so never an added
     * column (a run over one partition's folder does not have them). From the listing Spark already
     * made: no job. None for an input without files (a catalog view).
     */
    static Set<String> folderColumns(Dataset<Row> df) {
        String[] files = df.inputFiles();
        Set<String> out = new LinkedHashSet<>();
        if (files.length == 0) {
            return out;
        }
        for (String c : df.columns()) {
            String folder = "/" + c + "=";
            if (Arrays.stream(files).allMatch(f -> f.contains(folder))) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@link #changes(MonitorConfig, StructType, Dataset)} on schemas: {@code folders} are not added. */
    public static List<SchemaChange> changes(
            MonitorConfig config, StructType referenceRead, StructType analysisRead, Set<String> folders) {
        StructType reference = UnparsedValues.visible(referenceRead);
        StructType analysis = UnparsedValues.visible(analysisRead);
        ColumnsConfig cols = config.columns();
        List<String> refNames = List.of(reference.fieldNames());
        List<String> anaNames = List.of(analysis.fieldNames());
        Set<String> roles = new LinkedHashSet<>(cols.roleColumns());
        List<SchemaChange> out = new ArrayList<>();
        List<String> referenceFeatures = cols.features() != null
                ? cols.features().stream().filter(refNames::contains).toList()
                : refNames.stream()
                        .filter(n -> !roles.contains(n)
                                && monitorable(reference.apply(n).dataType()))
                        .toList();
        for (String f : referenceFeatures) {
            DataType rt = reference.apply(f).dataType();
            if (!anaNames.contains(f)) {
                out.add(SchemaChange.missing(f, rt.simpleString()));
            } else if (!RoleTypes.sameKind(rt, analysis.apply(f).dataType())) {
                out.add(SchemaChange.typeChanged(
                        f, rt.simpleString(), analysis.apply(f).dataType().simpleString()));
            }
        }
        if (config.targets() != null) {
            roles.add(config.targets().joinOn());
        }
        for (String n : anaNames) {
            if (!refNames.contains(n) && !roles.contains(n) && !folders.contains(n)) {
                out.add(SchemaChange.added(n, analysis.apply(n).dataType().simpleString()));
            }
        }
        return out;
    }

    /** A defaulted feature the analysis has with a type its kind cannot read: left out, said once per column. */
    private static void warnRetyped(MonitorConfig config, String column, DataType reference, DataType analysis) {
        LOG.warn(
                "feature '{}' is {} in the reference but {} in the analysis data ('{}'): not monitored, reported as"
                        + " a data_quality schema_change result (columns.features defaults to the columns both have;"
                        + " list the features in columns.features to have it refused)",
                column,
                reference.simpleString(),
                analysis.simpleString(),
                config.analysis().location());
    }

    /** The names of the columns Vigil adds while it computes (compared ignoring case, as Spark does). */
    static final List<String> INTERNAL = List.of("_chunk", "_row", "_input_pos", "_target_id", "_target_rows");

    static final List<String> INTERNAL_PREFIXES = List.of("_vigil", "_dc_");

    static boolean internal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return INTERNAL.contains(n) || INTERNAL_PREFIXES.stream().anyMatch(n::startsWith);
    }

    /**
     * A monitored column named like one Vigil adds while it computes would be replaced by it: refused,
     * never silently wrong.
     */
    private static void refuseInternalNames(ColumnsConfig cols, List<String> features) {
        List<String[]> named = new ArrayList<>();
        for (String[] kc : new String[][] {
            {"columns.timestamp", cols.timestamp()},
            {"columns.id", cols.id()},
            {"columns.prediction", cols.prediction()},
            {"columns.target", cols.target()}
        }) {
            named.add(kc);
        }
        cols.scores().values().forEach(c -> named.add(new String[] {"columns.scores", c}));
        cols.segments().forEach(c -> named.add(new String[] {"columns.segments", c}));
        features.forEach(c -> named.add(new String[] {"columns.features", c}));
        for (String[] kc : named) {
            if (kc[1] != null && internal(kc[1])) {
                throw new UserException("configuration key '"
                        + kc[0]
                        + "': column '"
                        + kc[1]
                        + "' has a name Vigil gives its own columns while it computes ("
                        + String.join(", ", INTERNAL)
                        + ", and names starting with "
                        + String.join(" or ", INTERNAL_PREFIXES)
                        + ", in any case); expected the column renamed"
                        + (kc[0].equals("columns.features") ? " (or left out of columns.features)" : ""));
            }
        }
    }

    /** A type a default feature can have (others are left out of the defaults). */
    private static boolean monitorable(DataType t) {
        return t instanceof NumericType || t instanceof StringType || t instanceof BooleanType;
    }

    private static void requireIn(String key, String column, StructType schema, String dataset) {
        if (column == null) {
            return;
        }
        if (!List.of(schema.fieldNames()).contains(column)) {
            throw Errors.unknownColumn(key, column, dataset, List.of(schema.fieldNames()));
        }
    }

    /**
     * The join column as the join compares it: a string id against a numeric one is cast (under ANSI
     * mode, a value that is not a number fails the job; without it, that row silently finds no target).
     */
    private static void requireSameKind(String join, StructType analysis, StructType targets) {
        DataType a = analysis.apply(join).dataType();
        DataType t = targets.apply(join).dataType();
        if (!RoleTypes.sameKind(a, t)) {
            throw new UserException("configuration key 'targets.join_on': column '"
                    + join
                    + "' has type "
                    + a.simpleString()
                    + " in the analysis data but "
                    + t.simpleString()
                    + " in the targets data; expected the same kind in both (both strings or both numbers)");
        }
    }

    /**
     * The prediction or the target, in every input that has it. Binary: 0/1 numbers or booleans (read
     * as 0/1 by a cast to int, a text label such as "yes" would be null in every row, or fail the job
     * under ANSI mode); refused here, before any row is read.
     */
    private static void requireLabel(
            RoleTypes label, String key, String column, StructType reference, StructType analysis, StructType targets) {
        label.require(key, column, reference, "reference");
        label.require(key, column, analysis, "analysis");
        label.require(key, column, targets, "targets");
    }
}
