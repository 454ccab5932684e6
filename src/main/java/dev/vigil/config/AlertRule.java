package dev.vigil.config;

import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one alert destination is sent: the alerts its filters keep (empty lists keep everything), of
 * at least {@code severity}, that have alerted on {@code persistence} consecutive analysis chunks,
 * and are not muted ({@link AlertsConfig#mutes}).
 */
public record AlertRule(
        List<String> calculators,
        List<String> metrics,
        List<String> columns,
        Segments segments,
        Severity severity,
        int persistence)
        implements Serializable {

    /** Which segment rows a destination is sent. */
    public enum Segments {
        INCLUDE,
        EXCLUDE,
        ONLY
    }

    /**
     * How far outside its threshold an alert is: {@code critical} from a whole band's width (upper −
     * lower) beyond the threshold, or, with one threshold, from the threshold's own size beyond it.
     */
    public enum Severity {
        WARNING,
        CRITICAL
    }

    public static final AlertRule ALL =
            new AlertRule(List.of(), List.of(), List.of(), Segments.INCLUDE, Severity.WARNING, 1);

    static final Key<List<String>> CALCULATORS =
            Key.names("calculators", List.of(), "send only these calculators' alerts (default: every calculator)");
    static final Key<List<String>> METRICS =
            Key.names("metrics", List.of(), "send only these metrics' alerts (default: every metric)");
    static final Key<List<String>> COLUMNS =
            Key.names("columns", List.of(), "send only alerts on these columns (default: every column)");
    static final Key<Segments> SEGMENTS = Key.oneOf(
            "segments",
            Segments.class,
            Segments.INCLUDE,
            "segment rows: sent with the whole population's (include), left out (exclude), or alone (only)");
    static final Key<Severity> SEVERITY = Key.oneOf(
            "severity",
            Severity.class,
            Severity.WARNING,
            "the least severity sent: warning (every alert) or critical (outside the threshold by at least the"
                    + " reference band's width, or with one threshold by at least its size)");
    static final Key<Integer> PERSISTENCE = Key.positiveInt(
            "persistence",
            1,
            "send an alert only when its result has alerted on this many consecutive analysis chunks, ending with"
                    + " the alert's own");

    /** The keys every destination takes besides its url and name. */
    static final List<Key<?>> KEYS = List.of(CALCULATORS, METRICS, COLUMNS, SEGMENTS, SEVERITY, PERSISTENCE);

    static AlertRule parse(Section s) {
        return new AlertRule(
                CALCULATORS.read(s),
                METRICS.read(s),
                COLUMNS.read(s),
                SEGMENTS.read(s),
                SEVERITY.read(s),
                PERSISTENCE.read(s));
    }

    /** An alert muted for every destination: the fields given must all match; until a date, or for good. */
    public record Mute(String calculator, String metric, String column, String segment, LocalDate until)
            implements Serializable {
        static final Key<String> CALCULATOR = Key.string("calculator", "a calculator name", "the muted calculator");
        static final Key<String> METRIC = Key.string("metric", "a metric name", "the muted metric");
        static final Key<String> COLUMN = Key.string("column", "a column name", "the muted column");
        static final Key<String> SEGMENT =
                Key.string("segment", "a segment, column=value", "the muted segment (e.g. region=north)");
        static final Key<LocalDate> UNTIL = Key.of(
                "until",
                "a date, YYYY-MM-DD",
                null,
                "muted through this date (UTC, the run's date); for good when absent",
                Mute::date);

        static final Schema SCHEMA = Schema.of(
                "alerts.mute",
                "alerts muted for every destination: a list of {calculator, metric, column, segment, until}, each"
                        + " naming at least one of the first four",
                CALCULATOR,
                METRIC,
                COLUMN,
                SEGMENT,
                UNTIL);

        static List<Mute> parseAll(Section alerts, String key) {
            List<Mute> out = new ArrayList<>();
            if (!alerts.has(key) || alerts.node().get(key).isNull()) {
                return out;
            }
            if (!alerts.node().get(key).isArray()) {
                throw Errors.badValue(
                        alerts.key(key),
                        alerts.node().get(key).toString(),
                        "a list of {calculator, metric," + " column, segment, until}");
            }
            int i = 0;
            for (var n : alerts.node().get(key)) {
                Section s = new Section(alerts.key(key) + "[" + i++ + "]", n);
                if (!n.isObject()) {
                    throw Errors.badValue(
                            s.path(), n.toString(), "a mapping {calculator, metric, column, segment, until}");
                }
                SCHEMA.check(s);
                Mute m = new Mute(CALCULATOR.read(s), METRIC.read(s), COLUMN.read(s), SEGMENT.read(s), UNTIL.read(s));
                if (m.calculator() == null && m.metric() == null && m.column() == null && m.segment() == null) {
                    throw Errors.badValue(
                            s.path(), n.toString(), "at least one of calculator, metric, column, segment");
                }
                out.add(m);
            }
            return List.copyOf(out);
        }

        private static LocalDate date(Section s, String k) {
            String v = s.string(k, null);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw Errors.badValue(s.key(k), v, "a date YYYY-MM-DD");
            }
        }
    }
}
