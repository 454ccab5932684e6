package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.internal.Errors;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.StateLimits;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Column roles. {@code features} and {@code categorical} are null when not configured (then derived
 * from the data: every column not named elsewhere; string and boolean columns). {@code scores} maps
 * class label to score column; a binary model's single score column is stored under the key {@code
 * ""}. {@code segments} is every column a segment entry names (each once); {@code segmentation} the
 * entries themselves (single columns and crosses), the predicate slices and the cap on values per
 * entry; {@code limits} how much a chunk's state of a column keeps exactly before its sketch.
 */
public record ColumnsConfig(
        String timestamp,
        String id,
        List<String> features,
        List<String> categorical,
        String prediction,
        Map<String, String> scores,
        String target,
        List<String> segments,
        Segmentation segmentation,
        StateLimits limits)
        implements Serializable {

    private static final String COLUMN = "a column name";

    static final Key<String> TIMESTAMP =
            Key.string("timestamp", COLUMN, "the timestamp column: period chunking, chunk dates, and the rows' order");
    static final Key<String> ID =
            Key.string("id", COLUMN, "the id column (targets join on it; CBPE's calibration folds hash it)");
    static final Key<List<String>> FEATURES =
            Key.names("features", null, "the model's inputs (default: every column not named elsewhere)");
    static final Key<List<String>> CATEGORICAL =
            Key.names("categorical", null, "the categorical features (default: string and boolean features)");
    static final Key<String> PREDICTION = Key.string("prediction", COLUMN, "the model's prediction column");
    static final Key<Map<String, String>> SCORES = Key.parsedBySection(
            "scores",
            "a column name; for multiclass_classification a mapping {class_label: column}",
            null,
            "the predicted probability (binary) or each class's (multiclass); none for regression");
    static final Key<String> TARGET = Key.string("target", COLUMN, "the ground truth column");
    static final Key<List<List<String>>> SEGMENTS = Key.of(
            "segments",
            "a list whose entries are a column name or a list of two or more (a cross), e.g. [region, [region,"
                    + " product]]",
            List.of(),
            "every result is also computed per value of each entry: one column's groups are named 'region=EU', a"
                    + " cross's 'region,product=EU,card' (names without '='; a cross's also without ',')",
            ColumnsConfig::segmentEntries);
    static final Key<Map<String, String>> SLICES = Key.of(
            "slices",
            "a mapping {name: Spark SQL boolean expression}, e.g. {high_value: \"amount > 100\"}",
            Map.of(),
            "every result is also computed on the rows where each expression is true (its group is named"
                    + " 'slice=name'; false or null leaves a row out); names of letters, digits and '_'",
            ColumnsConfig::slices);
    static final Key<Integer> MAX_SEGMENT_VALUES = Key.positiveInt(
            "max_segment_values",
            Segmentation.DEFAULT_MAX_VALUES,
            "a segment entry with more distinct values (value combinations) in the reference is capped: only"
                    + " this many with the most reference rows keep their own group, and every other value, in the"
                    + " reference and the analysis, is in the group 'column=%other'");

    static final Key<Integer> MAX_EXACT_VALUES = Key.of(
            "max_exact_values",
            "a positive whole number, at most " + Quantiles.WHOLE_CAPACITY,
            StateLimits.DEFAULT_QUANTILE_VALUES,
            "the numeric values a chunk's state of a column keeps (8 bytes each) for the exact median, quantiles"
                    + " and the exact path of kolmogorov_smirnov, wasserstein and the other two-sample tests; a"
                    + " chunk with more gets them from the relative-error DDSketch (within "
                    + Quantiles.RELATIVE_ERROR
                    + " relative, deterministic) or the binned path, marked approximate with their error_bound",
            (s, k) -> bounded(s, k, Quantiles.WHOLE_CAPACITY));
    static final Key<Integer> MAX_EXACT_CATEGORIES = Key.of(
            "max_exact_categories",
            "a positive whole number, at most " + CategoryCounts.WHOLE_CAPACITY,
            StateLimits.DEFAULT_CATEGORY_VALUES,
            "the distinct values a chunk's state of a categorical column counts exactly; a chunk with more"
                    + " switches to DataSketches' frequent-items sketch (the rest as one 'other' count) and an HLL"
                    + " distinct count, and its results are marked approximate",
            (s, k) -> bounded(s, k, CategoryCounts.WHOLE_CAPACITY));

    static final Schema SCHEMA = Schema.of(
            "columns",
            "the columns' roles. A name is used exactly as written, and any name Spark allows works (a dot, a"
                    + " space, unicode, a backtick: \"home.dest\", \"car value\", \"年齢\"); quote it in YAML when YAML"
                    + " would read it otherwise (a ': ' or ' #' inside, a leading '[', '{', '`', '-' or '*', or a name"
                    + " such as 2.50, true or null)",
            TIMESTAMP,
            ID,
            FEATURES,
            CATEGORICAL,
            PREDICTION,
            SCORES,
            TARGET,
            SEGMENTS,
            SLICES,
            MAX_SEGMENT_VALUES,
            MAX_EXACT_VALUES,
            MAX_EXACT_CATEGORIES);

    /** Every column named in a role (not the features), in a stable order. */
    public List<String> roleColumns() {
        List<String> out = new ArrayList<>();
        for (String c : new String[] {timestamp, id, prediction, target}) {
            if (c != null) {
                out.add(c);
            }
        }
        out.addAll(scores.values());
        out.addAll(segments);
        return out;
    }

    /** Reads the section; the scores' shape depends on the problem type. */
    static ColumnsConfig parse(Section s, ProblemType problemType) {
        SCHEMA.check(s);
        Map<String, String> scores = scores(s, problemType);
        if (problemType == ProblemType.REGRESSION && !scores.isEmpty()) {
            throw Errors.badValue(
                    SCORES.in(s), scores.toString(), "no scores for regression (only prediction and target)");
        }
        List<List<String>> entries = SEGMENTS.read(s);
        Map<String, String> slices = SLICES.read(s);
        LinkedHashSet<String> segments = new LinkedHashSet<>();
        entries.forEach(segments::addAll);
        if (!slices.isEmpty() && entries.contains(List.of(Segmentation.SLICE))) {
            throw Errors.badValue(
                    SEGMENTS.in(s),
                    Segmentation.SLICE,
                    "no segment column named '" + Segmentation.SLICE + "' when columns.slices is set (a slice's"
                            + " results are named 'slice=name'); rename the column in the input");
        }
        Segmentation segmentation = new Segmentation(entries, slices, MAX_SEGMENT_VALUES.read(s));
        return new ColumnsConfig(
                TIMESTAMP.read(s),
                ID.read(s),
                FEATURES.read(s),
                CATEGORICAL.read(s),
                PREDICTION.read(s),
                Collections.unmodifiableMap(new LinkedHashMap<>(scores)),
                TARGET.read(s),
                List.copyOf(segments),
                segmentation,
                new StateLimits(MAX_EXACT_VALUES.read(s), MAX_EXACT_CATEGORIES.read(s)));
    }

    /**
     * A positive whole number at most {@code max} (a chunk's exact limit is at most the whole
     * dataset's, which stays exact up to that many).
     */
    private static int bounded(Section s, String k, int max) {
        int v = s.positiveInt(k);
        if (v > max) {
            throw Errors.badValue(
                    s.key(k),
                    String.valueOf(v),
                    "a positive whole number, at most " + max + " (a whole dataset merged on the driver is exact"
                            + " up to " + max + ")");
        }
        return v;
    }

    /** The segment entries: a name is one column, a list of names the cross of those columns. */
    private static List<List<String>> segmentEntries(Section s, String k) {
        JsonNode n = s.node.get(k);
        String key = s.key(k);
        String expected = "a list whose entries are a column name or a list of column names (a cross), e.g."
                + " [region, [region, product]]";
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else if (n.isValueNode()) {
            items.add(n);
        } else {
            throw Errors.badValue(key, n.toString(), expected);
        }
        LinkedHashSet<List<String>> out = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (item.isArray()) {
                LinkedHashSet<String> cross = new LinkedHashSet<>();
                for (JsonNode c : item) {
                    if (!c.isValueNode() || c.isNull()) {
                        throw Errors.badValue(key, item.toString(), "a cross as a list of column names");
                    }
                    cross.add(segmentColumn(key, c.asText()));
                    if (c.asText().indexOf(',') >= 0) {
                        throw Errors.badValue(
                                key,
                                c.asText(),
                                "a crossed column whose name has no ',' (a cross's segment is written"
                                        + " 'a,b=va,vb'); rename the column in the input");
                    }
                }
                if (cross.size() < 2) {
                    throw Errors.badValue(
                            key, item.toString(), "a cross of two or more different columns (one column: its name)");
                }
                out.add(List.copyOf(cross));
            } else if (item.isValueNode() && !item.isNull()) {
                out.add(List.of(segmentColumn(key, item.asText())));
            } else {
                throw Errors.badValue(key, n.toString(), expected);
            }
        }
        return List.copyOf(out);
    }

    private static String segmentColumn(String key, String column) {
        if (column.indexOf('=') >= 0) {
            throw Errors.badValue(
                    key,
                    column,
                    "a segment column whose name has no '=' (a result's segment is written 'column=value',"
                            + " and the tables and views split it at the first '='); rename the column"
                            + " in the input (as a feature it may keep its name)");
        }
        return column;
    }

    /** The predicate slices: name to a non-blank Spark SQL expression. */
    private static Map<String, String> slices(Section s, String k) {
        JsonNode n = s.node.get(k);
        String key = s.key(k);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw Errors.badValue(
                    key,
                    n.toString(),
                    "a mapping {name: Spark SQL boolean expression}, e.g. {high_value: \"amount > 100\"}");
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getKey().matches("[A-Za-z0-9_]+")) {
                throw Errors.badValue(key, e.getKey(), "a slice name of letters, digits and '_'");
            }
            JsonNode v = e.getValue();
            if (!v.isTextual() || v.asText().isBlank()) {
                throw Errors.badValue(
                        key + "." + e.getKey(), v.toString(), "a Spark SQL boolean expression, e.g. \"amount > 100\"");
            }
            out.put(e.getKey(), v.asText());
        });
        return out;
    }

    private static Map<String, String> scores(Section s, ProblemType problemType) {
        Map<String, String> scores = new LinkedHashMap<>();
        if (!s.has(SCORES.name())) {
            return scores;
        }
        String key = SCORES.in(s);
        JsonNode n = s.node.get(SCORES.name());
        if (n.isTextual()) {
            if (problemType == ProblemType.MULTICLASS_CLASSIFICATION) {
                throw Errors.badValue(
                        key, n.asText(), "a mapping {class_label: score_column} for multiclass_classification");
            }
            scores.put("", n.asText());
        } else if (n.isObject()) {
            if (problemType != ProblemType.MULTICLASS_CLASSIFICATION) {
                throw Errors.badValue(key, n.toString(), "one score column name for " + problemType.key());
            }
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw Errors.badValue(key + "." + e.getKey(), e.getValue().toString(), "a column name");
                }
                scores.put(e.getKey(), e.getValue().asText());
            });
        } else if (!n.isNull()) {
            throw Errors.badValue(key, n.toString(), "a column name, or {class_label: column} for multiclass");
        }
        return scores;
    }
}
