package dev.vigil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads NannyML's recorded outputs (simple CSV: no quoted commas) into maps of column → text. */
public final class OracleCsv {
    private static final DateTimeFormatter PANDAS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private OracleCsv() {}

    public static List<Map<String, String>> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], f[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number cell; empty = null. */
    public static Double number(String cell) {
        return cell == null || cell.isEmpty() ? null : Double.valueOf(cell);
    }

    public static LocalDateTime time(String cell) {
        return cell == null || cell.isEmpty() ? null : LocalDateTime.parse(cell, PANDAS);
    }

    /** |a - b| ≤ tol · max(|a|, |b|), or both tiny (≤ 1e-12), or both null/NaN. */
    public static boolean close(Double expected, Double actual, double relTol) {
        boolean eNone = expected == null || expected.isNaN();
        boolean aNone = actual == null || actual.isNaN();
        if (eNone || aNone) {
            return eNone && aNone;
        }
        double diff = Math.abs(expected - actual);
        return diff <= 1e-12 || diff <= relTol * Math.max(Math.abs(expected), Math.abs(actual));
    }
}
