package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column roles. {@code features} and {@code categorical} are null when not configured (then derived
 * from the data: every column not named elsewhere; string and boolean columns). {@code scores} maps
 * class label to score column; a binary model's single score column is stored under the key {@code
 * ""}.
 */
public record ColumnsConfig(
        String timestamp,
        String id,
        List<String> features,
        List<String> categorical,
        String prediction,
        Map<String, String> scores,
        String target,
        List<String> segments)
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
    static final Key<List<String>> SEGMENTS = Key.names(
            "segments", List.of(), "every result is also computed per value of these columns (names without '=')");

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
            SEGMENTS);

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
        List<String> segments = SEGMENTS.read(s);
        for (String segment : segments) {
            if (segment.indexOf('=') >= 0) {
                throw Errors.badValue(
                        SEGMENTS.in(s),
                        segment,
                        "a segment column whose name has no '=' (a result's segment is written 'column=value',"
                                + " and the tables and views split it at the first '='); rename the column"
                                + " in the input (as a feature it may keep its name)");
            }
        }
        return new ColumnsConfig(
                TIMESTAMP.read(s),
                ID.read(s),
                FEATURES.read(s),
                CATEGORICAL.read(s),
                PREDICTION.read(s),
                Collections.unmodifiableMap(new LinkedHashMap<>(scores)),
                TARGET.read(s),
                segments);
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
