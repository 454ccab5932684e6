package dev.vigil.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bad-input matrix of {@link BadInputMatrixSparkTest}: every column role × every mutation that
 * applies to it, and the input-level mutations (header-only, missing, corrupt) × every input. Each
 * case names its data, the command that shows the outcome ({@code validate} when the schemas
 * decide it, {@code run} when only the rows do) and the outcome expected.
 */
final class BadInputMatrix {
    private BadInputMatrix() {}

    /** The roles, by the column that carries each in the matrix's inputs and its configuration key. */
    enum Role {
        CONTINUOUS("x", "columns.features"),
        CATEGORICAL("c", "columns.categorical"),
        SCORE("y_pred_proba", "columns.scores"),
        PREDICTION("y_pred", "columns.prediction"),
        TARGET("target", "columns.target"),
        TIMESTAMP("timestamp", "columns.timestamp"),
        ID("id", "columns.id"),
        SEGMENT("s", "columns.segments");

        final String column;
        final String key;

        Role(String column, String key) {
            this.column = column;
            this.key = key;
        }

        /** The column's expression in the matrix's base data. */
        String expr() {
            if (this == SEGMENT) {
                return SEGMENT_EXPR.substring(0, SEGMENT_EXPR.lastIndexOf(" as "));
            }
            return Arrays.stream(BadInputTestBase.BASE)
                    .filter(b -> b.equals(column) || b.endsWith(" as " + column))
                    .map(b -> b.equals(column) ? b : b.substring(0, b.lastIndexOf(" as ")))
                    .findFirst()
                    .orElseThrow();
        }

        boolean numeric() {
            return this == CONTINUOUS || this == SCORE || this == PREDICTION || this == TARGET;
        }

        String id() {
            return name().toLowerCase();
        }
    }

    static final String SEGMENT_EXPR = "concat('s', cast(id % 2 as string)) as s";

    /**
     * The problem types: binary classification has every role's cases; multiclass classification and
     * regression have the cases of their own model columns (score, prediction, target), on data of
     * their own with the same features, timestamp and id.
     */
    enum Problem {
        BINARY("binary_classification"),
        MULTICLASS("multiclass_classification"),
        REGRESSION("regression");

        final String type;

        Problem(String type) {
            this.type = type;
        }

        /** The columns of this problem's base data (binary: {@link BadInputTestBase#BASE}). */
        String[] base() {
            String[] common = Arrays.copyOfRange(BadInputTestBase.BASE, 0, 4); // id, timestamp, x, c
            List<String> out = new ArrayList<>(Arrays.asList(common));
            switch (this) {
                case BINARY -> {
                    return BadInputTestBase.BASE;
                }
                case MULTICLASS -> {
                    out.add("0.2 + 0.6 * cast(id % 3 = 0 as double) as p_a");
                    out.add("0.2 + 0.6 * cast(id % 3 = 1 as double) as p_b");
                    out.add("0.2 + 0.6 * cast(id % 3 = 2 as double) as p_c");
                    out.add("element_at(array('a', 'b', 'c'), cast(id % 3 as int) + 1) as y_pred");
                    out.add("element_at(array('a', 'b', 'c'), cast((id * 5) % 3 as int) + 1) as target");
                }
                case REGRESSION -> {
                    out.add("cast(id % 10 as double) * 2.0 + 1.0 as y_pred");
                    out.add("cast((id * 7) % 10 as double) * 2.0 + 1.5 as target");
                }
            }
            return out.toArray(String[]::new);
        }

        /** The column of a model role (the multiclass score: class a's). */
        String column(Role r) {
            return this == MULTICLASS && r == Role.SCORE ? "p_a" : r.column;
        }

        /** A model role's expression in this problem's base data. */
        String expr(Role r) {
            String c = column(r);
            return Arrays.stream(base())
                    .filter(b -> b.endsWith(" as " + c))
                    .map(b -> b.substring(0, b.lastIndexOf(" as ")))
                    .findFirst()
                    .orElseThrow();
        }

        /** Whether a model role holds numbers here (multiclass labels are categories). */
        boolean numeric(Role r) {
            return this == REGRESSION || r == Role.SCORE;
        }

        /** The model roles this problem has. */
        List<Role> roles() {
            return this == REGRESSION
                    ? List.of(Role.PREDICTION, Role.TARGET)
                    : List.of(Role.SCORE, Role.PREDICTION, Role.TARGET);
        }

        /** The configuration lines of the model columns. */
        String modelColumns() {
            return switch (this) {
                case BINARY -> "  prediction: y_pred\n  scores: y_pred_proba\n  target: target\n";
                case MULTICLASS -> "  prediction: y_pred\n  scores: {a: p_a, b: p_b, c: p_c}\n  target: target\n";
                case REGRESSION -> "  prediction: y_pred\n  target: target\n";
            };
        }

        /** What a model role's runs compute. */
        String calculators(Role r) {
            return switch (this) {
                case BINARY -> BadInputMatrix.calculators(r);
                case MULTICLASS ->
                    "realized_performance: {metrics: [roc_auc, f1, accuracy]}"
                            + (r == Role.TARGET ? "" : "\n  estimated_performance: {metrics: [roc_auc, f1]}");
                case REGRESSION -> "realized_performance: {metrics: [mae, rmse, msle]}";
            };
        }

        String id() {
            return name().toLowerCase();
        }
    }

    /** The inputs a mutation can be in. */
    enum Input {
        REFERENCE,
        ANALYSIS,
        TARGETS,
        /** the reference and the analysis */
        BOTH;

        String key() {
            return name().toLowerCase();
        }
    }

    enum Command {
        VALIDATE,
        RUN
    }

    /** How the input is written: the base data with one column replaced, or a raw file. */
    enum Format {
        PARQUET,
        CSV,
        HEADER_ONLY,
        MISSING,
        CORRUPT
    }

    /**
     * One case: which input gets {@code replacement} (a Spark SQL {@code expr as column}, or null for
     * the input-level mutations), the command, the extra configuration lines, the expectation.
     */
    record Case(
            String name,
            Input input,
            Format format,
            String replacement,
            Command command,
            String extraColumns,
            String calculators,
            Consumer<BadInputTestBase.Run> expect,
            Role role,
            Problem problem) {

        /**
         * Whether the analysis comes without its target, joined from a targets table (the targets'
         * cases, and the id's: the join is what reads it).
         */
        boolean joinsTargets() {
            return input == Input.TARGETS || role == Role.ID;
        }
    }

    static final String FEATURES = "data_quality: {metrics: [mean, missing_values, unseen_values]}\n"
            + "  univariate_drift: {columns: [x, c], continuous_methods: [jensen_shannon],"
            + " categorical_methods: [jensen_shannon]}";
    static final String REALIZED = "realized_performance: {metrics: [roc_auc, f1]}";

    /** What a role's runs compute: the calculators that read it, small. */
    static String calculators(Role r) {
        return switch (r) {
            case CONTINUOUS, CATEGORICAL, SEGMENT -> FEATURES;
            case SCORE, PREDICTION -> REALIZED + "\n  estimated_performance: {metrics: [roc_auc]}";
            case TARGET, ID -> REALIZED;
            case TIMESTAMP -> "data_quality: {metrics: [mean]}";
        };
    }

    /** Builds the cases with {@code e}, which knows the expectations. */
    static <E extends Expectations & ModelExpectations> List<Case> cases(E e) {
        List<Case> out = new ArrayList<>();
        for (Role r : Role.values()) {
            String c = r.column;
            // text where a number (or a time) is expected
            if (r.numeric() || r == Role.TIMESTAMP) {
                out.add(roleCase(
                        r,
                        "text (analysis)",
                        Input.ANALYSIS,
                        Format.PARQUET,
                        "concat('v', cast(id as string)) as " + c,
                        r == Role.TIMESTAMP ? Command.RUN : Command.VALIDATE,
                        e.text(r, Input.ANALYSIS)));
            }
            if (r.numeric()) {
                out.add(schemaCase(
                        r,
                        "text (reference)",
                        Input.REFERENCE,
                        "concat('v', cast(id as string)) as " + c,
                        e.text(r, Input.REFERENCE)));
            }
            // a number where a category (or a time) is expected
            if (r == Role.CATEGORICAL || r == Role.SEGMENT || r == Role.TIMESTAMP) {
                String number = r == Role.TIMESTAMP ? "1704067200 + id * 3600" : "cast(id % 3 as int)";
                out.add(roleCase(
                        r,
                        "number",
                        r == Role.TIMESTAMP ? Input.ANALYSIS : Input.BOTH,
                        Format.PARQUET,
                        number + " as " + c,
                        r == Role.TIMESTAMP ? Command.VALIDATE : Command.RUN,
                        e.number(r)));
            }
            out.add(rowsCase(r, "all null", Input.ANALYSIS, "cast(null as " + nullType(r) + ") as " + c, e.allNull(r)));
            if (r.numeric()) {
                out.add(rowsCase(
                        r, "NaN", Input.ANALYSIS, floating(r, "double('NaN')") + " as " + c, e.nonFinite(r, "NaN")));
                out.add(rowsCase(
                        r,
                        "±Inf",
                        Input.ANALYSIS,
                        floating(r, "if(id % 2 = 0, double('Infinity'), double('-Infinity'))") + " as " + c,
                        e.nonFinite(r, "Inf")));
            }
            // empty strings: a value of a text role; in a CSV, an empty field of a numeric role is missing
            out.add(roleCase(
                    r,
                    "empty strings",
                    Input.ANALYSIS,
                    r.numeric() ? Format.CSV : Format.PARQUET,
                    "if(id % 10 = 0, " + (r.numeric() ? "null" : "''") + ", cast(" + r.expr() + " as string)) as " + c,
                    Command.RUN,
                    e.emptyStrings(r)));
            if (r == Role.SCORE || r == Role.PREDICTION || r == Role.TARGET) {
                String bad = r == Role.SCORE ? "1.25" : "2";
                out.add(rowsCase(
                        r,
                        "out of range",
                        Input.ANALYSIS,
                        "if(id = 42, " + bad + ", " + r.expr() + ") as " + c,
                        e.outOfRange(r, bad)));
            }
            out.add(schemaCase(
                    r,
                    "array",
                    Input.ANALYSIS,
                    "array(" + r.expr() + ") as " + c,
                    e.nested(r, Input.ANALYSIS, "array<")));
            out.add(schemaCase(
                    r,
                    "struct",
                    Input.REFERENCE,
                    "named_struct('v', " + r.expr() + ") as " + c,
                    e.nested(r, Input.REFERENCE, "struct<")));
            if (r == Role.TIMESTAMP) {
                out.add(rowsCase(
                        r,
                        "timezone-aware strings",
                        Input.ANALYSIS,
                        "concat(date_format(timestamp_seconds(1704067200 + id * 3600 + 7200),"
                                + " \"yyyy-MM-dd'T'HH:mm:ss\"), '+02:00') as timestamp",
                        e.timezoneAware()));
            }
            if (r.numeric() || r == Role.TIMESTAMP || r == Role.CATEGORICAL) {
                out.add(roleCase(
                        r,
                        "mixed-type CSV column",
                        Input.ANALYSIS,
                        Format.CSV,
                        "if(id % 50 = 7, 'n/a', cast(" + r.expr() + " as string)) as " + c,
                        r.numeric() ? Command.VALIDATE : Command.RUN,
                        e.mixedCsv(r)));
            }
            out.add(schemaCase(
                    r, "case-only twin column", Input.ANALYSIS, r.expr() + " as " + c.toUpperCase(), e.caseTwin(r)));
        }
        // the target and the join column in the targets table
        out.add(targetsCase(
                "target x text (targets)",
                "concat('v', cast(id as string)) as target",
                e.text(Role.TARGET, Input.TARGETS)));
        out.add(targetsCase(
                "target x array (targets)", "array(target) as target", e.nested(Role.TARGET, Input.TARGETS, "array<")));
        out.add(targetsCase("id x array (targets join_on)", "array(id) as id", e.joinOnNested()));
        // a defaulted feature list leaves nested columns out, and says so
        out.add(new Case(
                "default feature x array",
                Input.BOTH,
                Format.PARQUET,
                "array(x) as tags",
                Command.RUN,
                null,
                "data_quality: {metrics: [mean]}",
                e.defaultFeatureNested(),
                null,
                Problem.BINARY));
        for (Problem p : List.of(Problem.MULTICLASS, Problem.REGRESSION)) {
            for (Role r : p.roles()) {
                out.addAll(modelCases(p, r, e));
            }
        }
        for (Input in : List.of(Input.REFERENCE, Input.ANALYSIS, Input.TARGETS)) {
            for (Format f : List.of(Format.HEADER_ONLY, Format.MISSING, Format.CORRUPT)) {
                out.add(new Case(
                        in.key() + " x " + f.name().toLowerCase().replace('_', '-') + " file",
                        in,
                        f,
                        null,
                        Command.VALIDATE,
                        "",
                        REALIZED,
                        e.file(in, f),
                        null,
                        Problem.BINARY));
            }
        }
        return out;
    }

    /**
     * The cases of one model role of multiclass classification or regression: the binary cases'
     * mutations that apply to it ({@link Problem#numeric}: text, NaN, ±Inf, a mixed CSV column;
     * labels: numbers), all null, empty strings, out of range, array and struct.
     */
    static List<Case> modelCases(Problem p, Role r, ModelExpectations e) {
        String expr = p.expr(r);
        List<Case> out = new ArrayList<>();
        if (p.numeric(r)) {
            String text = "concat('v', cast(id as string))";
            out.add(modelCase(p, r, "text (analysis)", Input.ANALYSIS, Format.PARQUET, text, Command.VALIDATE, e));
            out.add(modelCase(p, r, "text (reference)", Input.REFERENCE, Format.PARQUET, text, Command.VALIDATE, e));
            out.add(modelCase(p, r, "NaN", Input.ANALYSIS, Format.PARQUET, "double('NaN')", Command.RUN, e));
            String inf = "if(id % 2 = 0, double('Infinity'), double('-Infinity'))";
            out.add(modelCase(p, r, "±Inf", Input.ANALYSIS, Format.PARQUET, inf, Command.RUN, e));
            String mixed = "if(id % 50 = 7, 'n/a', cast(" + expr + " as string))";
            out.add(modelCase(p, r, "mixed-type CSV column", Input.ANALYSIS, Format.CSV, mixed, Command.VALIDATE, e));
            String empty = "if(id % 10 = 0, null, cast(" + expr + " as string))";
            out.add(modelCase(p, r, "empty strings", Input.ANALYSIS, Format.CSV, empty, Command.RUN, e));
        } else {
            out.add(modelCase(p, r, "number", Input.BOTH, Format.PARQUET, "cast(id % 3 as int)", Command.RUN, e));
            String empty = "if(id % 10 = 0, '', " + expr + ")";
            out.add(modelCase(p, r, "empty strings", Input.ANALYSIS, Format.PARQUET, empty, Command.RUN, e));
        }
        String none = "cast(null as " + (p.numeric(r) ? "double" : "string") + ")";
        out.add(modelCase(p, r, "all null", Input.ANALYSIS, Format.PARQUET, none, Command.RUN, e));
        String outOfRange = switch (p) {
            case MULTICLASS -> r == Role.SCORE ? "if(id = 42, 1.25, " + expr + ")" : "if(id = 42, 'z', " + expr + ")";
            default -> "if(id = 42, -3.0, " + expr + ")"; // msle's log(1 + y) needs y >= 0 (NannyML's rule)
        };
        out.add(modelCase(p, r, "out of range", Input.ANALYSIS, Format.PARQUET, outOfRange, Command.RUN, e));
        out.add(modelCase(p, r, "array", Input.ANALYSIS, Format.PARQUET, "array(" + expr + ")", Command.VALIDATE, e));
        String struct = "named_struct('v', " + expr + ")";
        out.add(modelCase(p, r, "struct", Input.REFERENCE, Format.PARQUET, struct, Command.VALIDATE, e));
        return out;
    }

    /** A case of a model role of {@code p}: {@code value} replaces the role's column. */
    private static Case modelCase(
            Problem p,
            Role r,
            String mutation,
            Input in,
            Format f,
            String value,
            Command command,
            ModelExpectations e) {
        return new Case(
                p.id() + " " + r.id() + " x " + mutation,
                in,
                f,
                value + " as " + p.column(r),
                command,
                "",
                p.calculators(r),
                e.model(p, r, mutation),
                r,
                p);
    }

    /** What the model cases of multiclass classification and regression must show. */
    interface ModelExpectations {
        Consumer<BadInputTestBase.Run> model(Problem p, Role r, String mutation);
    }

    /** A case of the targets table, which {@code replacement} changes. */
    private static Case targetsCase(String name, String replacement, Consumer<BadInputTestBase.Run> expect) {
        return new Case(
                name,
                Input.TARGETS,
                Format.PARQUET,
                replacement,
                Command.VALIDATE,
                "",
                REALIZED,
                expect,
                null,
                Problem.BINARY);
    }

    /** A parquet case of role {@code r} whose outcome only a run shows. */
    private static Case rowsCase(
            Role r, String mutation, Input in, String replacement, Consumer<BadInputTestBase.Run> expect) {
        return roleCase(r, mutation, in, Format.PARQUET, replacement, Command.RUN, expect);
    }

    /** A parquet case of role {@code r} that the schemas decide ({@code vigil validate}). */
    private static Case schemaCase(
            Role r, String mutation, Input in, String replacement, Consumer<BadInputTestBase.Run> expect) {
        return roleCase(r, mutation, in, Format.PARQUET, replacement, Command.VALIDATE, expect);
    }

    /** A case of role {@code r}: its name, the role's configuration and calculators. */
    private static Case roleCase(
            Role r,
            String mutation,
            Input in,
            Format f,
            String replacement,
            Command command,
            Consumer<BadInputTestBase.Run> expect) {
        String segments = r == Role.SEGMENT ? "  segments: [s]\n" : "";
        return new Case(
                r.id() + " x " + mutation,
                in,
                f,
                replacement,
                command,
                segments,
                calculators(r),
                expect,
                r,
                Problem.BINARY);
    }

    private static String nullType(Role r) {
        return switch (r) {
            case CONTINUOUS, SCORE -> "double";
            case PREDICTION, TARGET -> "int";
            case TIMESTAMP -> "timestamp";
            case ID -> "bigint";
            case CATEGORICAL, SEGMENT -> "string";
        };
    }

    /** Every row {@code value} for the model's columns; one row in ten for a feature. */
    private static String floating(Role r, String value) {
        return r == Role.CONTINUOUS
                ? "if(id % 10 = 0, " + value + ", " + r.expr() + ")"
                : "cast(" + value + " as double)";
    }

    /** The expectations, one per mutation (in {@link BadInputMatrixSparkTest}). */
    interface Expectations {
        Consumer<BadInputTestBase.Run> text(Role r, Input in);

        Consumer<BadInputTestBase.Run> number(Role r);

        Consumer<BadInputTestBase.Run> allNull(Role r);

        Consumer<BadInputTestBase.Run> nonFinite(Role r, String what);

        Consumer<BadInputTestBase.Run> emptyStrings(Role r);

        Consumer<BadInputTestBase.Run> outOfRange(Role r, String value);

        Consumer<BadInputTestBase.Run> nested(Role r, Input in, String type);

        Consumer<BadInputTestBase.Run> timezoneAware();

        Consumer<BadInputTestBase.Run> mixedCsv(Role r);

        Consumer<BadInputTestBase.Run> caseTwin(Role r);

        Consumer<BadInputTestBase.Run> joinOnNested();

        Consumer<BadInputTestBase.Run> defaultFeatureNested();

        Consumer<BadInputTestBase.Run> file(Input in, Format f);
    }
}
