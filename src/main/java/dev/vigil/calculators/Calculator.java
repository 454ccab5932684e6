package dev.vigil.calculators;

import dev.vigil.scan.StateSpec;
import java.util.List;

/**
 * A configured (not fitted) calculator. It only declares states; the scan computes them. Reference
 * flow: pass 1 computes {@link #referenceSpecs()}; {@link #refinementSpecs} may ask for a second
 * reference pass with parameters learned from pass 1 (e.g. a kernel density at the reference
 * median); {@link #fit} sees both. A fitted calculator may add columns computed with what it
 * learned ({@link FittedCalculator#transform}).
 */
public interface Calculator extends java.io.Serializable {
  /** The CONTRACT name, e.g. {@code data_quality}. */
  String name();

  List<StateSpec> referenceSpecs();

  /**
   * Columns this calculator derives from others, as Spark SQL expressions by name (e.g. a
   * confusion-matrix cell from target and prediction); the pipeline adds them to both datasets
   * before the scans.
   */
  default java.util.Map<String, String> derivedColumns() {
    return java.util.Map.of();
  }

  default List<StateSpec> refinementSpecs(ChunkTable referencePass1) {
    return List.of();
  }

  FittedCalculator fit(ChunkTable reference);

  /**
   * Fits with the reference rows at hand too (chunked, with the derived columns), for calculators
   * that train a model on them (DLE). It may run Spark jobs but must not collect rows to the
   * driver. By default the states suffice.
   */
  default FittedCalculator fit(
      ChunkTable reference, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> referenceRows) {
    return fit(reference);
  }
}
