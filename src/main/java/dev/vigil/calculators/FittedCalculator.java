package dev.vigil.calculators;

import dev.vigil.scan.StateSpec;
import java.util.List;

/**
 * A calculator fitted on the reference: knows which states it needs from analysis chunks, and
 * computes results.
 */
public interface FittedCalculator extends java.io.Serializable {
  List<StateSpec> analysisSpecs();

  /** Results on the reference chunks (computed at fit time, with the thresholds). */
  List<Measurement> reference();

  /** Results on the analysis chunks. */
  List<Measurement> calculate(ChunkTable analysis);

  /**
   * Adds the columns computed with what the fit learned (e.g. a model's per-row predictions) to a
   * chunked dataset with its derived columns, before it is scanned; applied to the analysis and to
   * the reference. Must be a narrow projection (no Spark job), so the analysis stays one scan. None
   * by default.
   */
  default org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> transform(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> chunked) {
    return chunked;
  }

  /**
   * States of the {@link #transform}ed reference that the results on the reference chunks need
   * (computed in one more reference pass when any calculator asks for some); none by default.
   */
  default List<StateSpec> fittedReferenceSpecs() {
    return List.of();
  }

  /**
   * Results on the reference chunks, given the reference states including {@link
   * #fittedReferenceSpecs}.
   */
  default List<Measurement> reference(ChunkTable reference) {
    return reference();
  }

  /** Binned distributions per column and chunk of a dataset, for plots; none by default. */
  default List<DistributionBin> distributions(ChunkTable table) {
    return List.of();
  }
}
