package dev.vigil.chunking;

import static org.apache.spark.sql.functions.*;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.config.ChunkingConfig;
import dev.vigil.config.ChunkingConfig.Incomplete;
import dev.vigil.config.ChunkingConfig.PeriodUnit;
import dev.vigil.internal.UserException;
import dev.vigil.io.ColumnNames;
import dev.vigil.scan.Scanner;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits one dataset into chunks with NannyML's rules. Reference and analysis are chunked
 * separately, each starting at row 0 and chunk 0.
 *
 * <ul>
 *   <li>size s: rows {@code [i·s, (i+1)·s)} in order; the {@code N mod s} rows left over are a
 *       last, smaller chunk ({@code keep}, default), left out ({@code drop}) or added to the last
 *       full chunk ({@code append}).
 *   <li>number k: size {@code ⌊N/k⌋} with the same rule, so {@code keep} gives k+1 chunks when k
 *       does not divide N (as NannyML). Nothing configured = number 10.
 *   <li>period: calendar hour/day/week (Monday–Sunday)/month/quarter/year of the timestamp; rows
 *       without a timestamp are in no chunk (NannyML drops them); only periods with rows are
 *       chunks.
 * </ul>
 *
 * Order: with a timestamp column rows are in timestamp order (NannyML sorts by it), else in input
 * order.
 */
public final class Chunker {
    private static final Logger LOG = LoggerFactory.getLogger(Chunker.class);
    private final ChunkingConfig config;
    private final String timestamp;

    public Chunker(ChunkingConfig config, String timestamp) {
        this.config = config;
        this.timestamp = timestamp;
        if (config.kind() == ChunkingConfig.Kind.PERIOD && timestamp == null) {
            throw new UserException(
                    "configuration key 'chunking.period': period chunking needs a timestamp column; expected columns.timestamp to be set");
        }
    }

    /**
     * The dataset with {@link Scanner#CHUNK} (and {@link Scanner#ROW} for size/number chunking)
     * added.
     */
    public Dataset<Row> assign(Dataset<Row> source, String what) {
        // an input column of the same name (not monitored: SchemaCheck refuses those) is not Vigil's
        Dataset<Row> df = source;
        for (String c : source.columns()) {
            if (c.equalsIgnoreCase(Scanner.CHUNK) || c.equalsIgnoreCase(Scanner.ROW)) {
                df = df.drop(c);
            }
        }
        if (config.kind() == ChunkingConfig.Kind.PERIOD) {
            return df.withColumn(
                    Scanner.CHUNK, unix_micros(date_trunc(truncUnit(config.period()), ColumnNames.column(timestamp))));
        }
        RowIndex.Indexed indexed = RowIndex.add(df, timestamp, what);
        long n = indexed.rows();
        if (n == 0) {
            throw new UserException("the " + what + " data has no rows; expected at least one chunk of data");
        }
        long size = config.kind() == ChunkingConfig.Kind.SIZE ? config.size() : n / config.number();
        if (size == 0) {
            throw new UserException("configuration key 'chunking.number': the "
                    + what
                    + " data has "
                    + n
                    + " rows, fewer than chunking.number="
                    + config.number()
                    + "; expected at least one row per chunk");
        }
        long full = n / size;
        if (full == 0) {
            LOG.warn(
                    "{}: {} rows, fewer than one chunk of {}: its only chunk is incomplete (chunking.incomplete={})",
                    what,
                    n,
                    size,
                    config.incomplete().name().toLowerCase(Locale.ROOT));
        }
        Column row = col(Scanner.ROW);
        Column chunk = floor(row.divide(size)).cast("long");
        Incomplete incomplete = config.incomplete();
        if (n % size != 0 && incomplete == Incomplete.DROP) {
            chunk = when(row.lt(full * size), chunk);
            LOG.info("{}: dropping the last {} rows (incomplete chunk, chunking.incomplete=drop)", what, n % size);
        } else if (n % size != 0 && incomplete == Incomplete.APPEND) {
            if (full == 0) {
                throw new UserException("configuration key 'chunking.incomplete': the "
                        + what
                        + " data has "
                        + n
                        + " rows, fewer than one chunk of "
                        + size
                        + "; 'append' needs at least one full chunk (use keep)");
            }
            chunk = least(chunk, lit(full - 1));
        }
        if (indexed.withoutTimestamp() > 0) {
            // counted by the job that orders the rows: null timestamps, and strings that are not one
            LOG.warn(
                    "{}: {} rows have no timestamp (null, or text that is not a timestamp): they are chunked after the"
                            + " others (timestamp order, nulls last) and give no chunk dates",
                    what,
                    indexed.withoutTimestamp());
        }
        LOG.info("{}: {} rows, chunk size {} ({})", what, n, size, config.describe());
        return indexed.frame().withColumn(Scanner.CHUNK, chunk);
    }

    /**
     * The chunked dataset with {@link Scanner#ROW} (row positions in the dataset's order), added when
     * the chunking made none (period chunking; one more row-position job, as for size chunking).
     * Period chunks are then the contiguous positions {@link #describe} gives them: rows are in
     * timestamp order, rows without one last.
     */
    public Dataset<Row> withRowPositions(Dataset<Row> chunked, String what) {
        if (List.of(chunked.columns()).contains(Scanner.ROW)) {
            return chunked;
        }
        return RowIndex.add(chunked, timestamp, what).frame();
    }

    /**
     * The chunks of a dataset from its whole-population groups (segment null) of a scan, in order.
     */
    public List<ChunkInfo> describe(List<ChunkStates> groups, String what) {
        List<ChunkStates> overall = new ArrayList<>();
        long dropped = 0;
        for (ChunkStates g : groups) {
            if (g.segment() != null) {
                continue;
            }
            if (g.group() == null) {
                dropped += g.rows();
            } else {
                overall.add(g);
            }
        }
        if (dropped > 0 && config.kind() == ChunkingConfig.Kind.PERIOD) {
            LOG.warn("{}: {} rows have no timestamp and are in no chunk (as NannyML drops them)", what, dropped);
        }
        overall.sort(Comparator.comparing(ChunkStates::group));
        List<ChunkInfo> out = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < overall.size(); i++) {
            ChunkStates g = overall.get(i);
            if (config.kind() == ChunkingConfig.Kind.PERIOD) {
                LocalDateTime start = LocalDateTime.ofEpochSecond(
                        Math.floorDiv(g.group(), 1_000_000L),
                        (int) Math.floorMod(g.group(), 1_000_000L) * 1000,
                        ZoneOffset.UTC);
                LocalDateTime next = next(start, config.period());
                out.add(new ChunkInfo(
                        g.group(),
                        i,
                        label(start, config.period()),
                        position,
                        position + g.rows() - 1,
                        Timestamp.valueOf(start),
                        Timestamp.valueOf(next.minusNanos(1000)),
                        g.rows()));
                position += g.rows();
            } else {
                out.add(new ChunkInfo(
                        g.group(),
                        i,
                        "[" + g.minRow() + ":" + g.maxRow() + "]",
                        g.minRow(),
                        g.maxRow(),
                        g.minTime(),
                        g.maxTime(),
                        g.rows()));
            }
        }
        return out;
    }

    /**
     * Which of a dataset's chunks are complete. A period is complete when it ends by {@code asOf}
     * (the end of the run date, or now) or when the data already has a later period; a size or number
     * chunk when it has the rows of a full chunk (the first one's), so only a last, smaller chunk
     * kept by {@code incomplete: keep} is not.
     */
    public Predicate<ChunkInfo> completeness(List<ChunkInfo> chunks, Instant asOf) {
        if (chunks.isEmpty()) {
            return c -> true;
        }
        if (config.kind() == ChunkingConfig.Kind.PERIOD) {
            long last = chunks.stream().mapToLong(ChunkInfo::group).max().getAsLong();
            return c -> c.group() < last
                    || !next(c.startDate().toLocalDateTime(), config.period())
                            .toInstant(ZoneOffset.UTC)
                            .isAfter(asOf);
        }
        long full = chunks.get(0).rows();
        return c -> c.rows() >= full;
    }

    private static String truncUnit(PeriodUnit unit) {
        return unit.name();
    }

    static LocalDateTime next(LocalDateTime start, PeriodUnit unit) {
        return switch (unit) {
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** pandas' {@code str(Period)} for the period starting at {@code start}. */
    static String label(LocalDateTime start, PeriodUnit unit) {
        return switch (unit) {
            case HOUR -> start.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00"));
            case DAY -> start.format(DateTimeFormatter.ISO_LOCAL_DATE);
            case WEEK ->
                start.format(DateTimeFormatter.ISO_LOCAL_DATE)
                        + "/"
                        + start.plusDays(6).format(DateTimeFormatter.ISO_LOCAL_DATE);
            case MONTH -> start.format(DateTimeFormatter.ofPattern("yyyy-MM"));
            case QUARTER -> start.getYear() + "Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }
}
