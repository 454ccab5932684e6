package dev.vigil.ml;

import dev.vigil.calculators.ChunkInfo;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A chunked dataset: every row with {@code _chunk} (the chunk's group id, null = in no chunk) and
 * {@code _row} (its position in the dataset's order), and the chunks in order; each chunk's rows
 * are the positions {@code [startIndex, endIndex]}.
 */
public record Chunked(Dataset<Row> rows, List<ChunkInfo> chunks) {}
