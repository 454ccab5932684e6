package dev.vigil.calculators;

import dev.vigil.chunking.ChunkInfo;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A calculator that needs the chunked rows themselves rather than mergeable scan states: the domain
 * classifier trains models per chunk. The pipeline calls it once, after the scans, with both
 * chunked datasets. Unlike the scan-based {@link Calculator}s, its Spark jobs grow with the number
 * of chunks; each implementation bounds and documents its cost.
 */
public interface FrameCalculator {
  /** The CONTRACT name, e.g. {@code multivariate_drift}. */
  String name();

  /** Results on the reference chunks (with the thresholds they give) and on the analysis chunks. */
  Results calculate(Chunked reference, Chunked analysis);

  /**
   * A chunked dataset: every row with {@code _chunk} (the chunk's group id, null = in no chunk) and
   * {@code _row} (its position in the dataset's order), and the chunks in order; each chunk's rows
   * are the positions {@code [startIndex, endIndex]}.
   */
  record Chunked(Dataset<Row> rows, List<ChunkInfo> chunks) {}

  record Results(List<Measurement> reference, List<Measurement> analysis) {}
}
