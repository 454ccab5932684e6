package dev.vigil.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts on analysis chunks per segment value, for people: the run summary and the report both say
 * which segment values alerted most, in the same words.
 */
public final class SegmentAlerts {
    private SegmentAlerts() {}

    /** How many segment values are named; the rest are counted. */
    public static final int NAMED = 5;

    /** The analysis alerts of each segment value that has any, most first, ties by name. */
    public static Map<String, Long> count(Iterable<ResultRow> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r.alert() && r.period().equals("analysis") && r.segment() != null) {
                counts.merge(r.segment(), 1L, Long::sum);
            }
        }
        return mostFirst(counts);
    }

    /** The counts ordered most first, ties by segment value. */
    public static Map<String, Long> mostFirst(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * {@code region=eu: 3, region=us: 1, and 2 more segment values}: the first {@link #NAMED} of
     * counts ordered most first, the rest counted.
     */
    public static String describe(Map<String, Long> mostFirst) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Long> e : mostFirst.entrySet()) {
            if (shown == NAMED) {
                s.append(", and ").append(mostFirst.size() - shown).append(" more segment values");
                break;
            }
            s.append(shown == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
            shown++;
        }
        return s.toString();
    }
}
