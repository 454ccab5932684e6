package dev.vigil.calculators;

import dev.vigil.scan.StateSpec;
import java.util.List;

/** A calculator fitted on the reference: knows which states it needs from analysis chunks, and computes results. */
public interface FittedCalculator {
  List<StateSpec> analysisSpecs();

  /** Results on the reference chunks (computed at fit time, with the thresholds). */
  List<Measurement> reference();

  /** Results on the analysis chunks. */
  List<Measurement> calculate(ChunkTable analysis);

  /** Binned distributions per column and chunk of a dataset, for plots; none by default. */
  default List<DistributionBin> distributions(ChunkTable table) {
    return List.of();
  }
}
