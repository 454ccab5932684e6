package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.Specs;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an estimator of performance takes from realized performance, as NannyML's CBPE and DLE do:
 * the realized calculator fitted on the reference, its sampling-error components per segment, its
 * thresholds (fitted on the reference chunks' realized values) and the realized values of the
 * chunks; and the result row of an estimate.
 */
final class RealizedBaseline implements java.io.Serializable {
  private final RealizedPerformanceCalculator realized;
  private final FittedCalculator fit;
  private final Map<String, Map<String, double[]>> components = new HashMap<>();
  private final Map<String, Bounds> thresholds = new HashMap<>();

  RealizedBaseline(RealizedPerformanceCalculator realized, ChunkTable reference) {
    this.realized = realized;
    this.fit = realized.fit(reference, dev.vigil.calculators.Learner.NONE);
    for (String seg : reference.segments()) {
      components.put(Specs.key(seg), realized.components(reference, seg));
    }
    for (Measurement m : fit.reference()) {
      thresholds.put(
          Specs.key(m.segment()) + "\u0001" + m.metric(),
          new Bounds(m.lowerThreshold(), m.upperThreshold()));
    }
  }

  /**
   * A segment's whole-reference sampling-error components by metric (empty for a segment the
   * reference lacks).
   */
  Map<String, double[]> components(String segment) {
    return components.getOrDefault(Specs.key(segment), Map.of());
  }

  /** The realized values of the reference chunks. */
  Realized onReference() {
    return new Realized(fit.reference());
  }

  /** The realized values of a table's chunks (null where a chunk has no targets). */
  Realized on(ChunkTable table) {
    return new Realized(fit.calculate(table));
  }

  /** Realized values by segment, metric and chunk. */
  static final class Realized {
    private final Map<String, Double> values = new HashMap<>();

    private Realized(List<Measurement> measurements) {
      for (Measurement m : measurements) {
        values.put(
            Specs.key(m.segment()) + "\u0001" + m.metric() + "\u0001" + m.chunkIndex(), m.value());
      }
    }

    Double get(String segment, String metric, int chunk) {
      return values.get(Specs.key(segment) + "\u0001" + metric + "\u0001" + chunk);
    }
  }

  /**
   * The result row of an estimate: the confidence band, the realized value, the realized thresholds
   * and the alert (the estimate strictly outside them; NaN never alerts). NaN values are stored as
   * null.
   */
  Measurement estimate(
      String calculator,
      String metric,
      String segment,
      int chunk,
      double value,
      double samplingError,
      Realized realizedValues) {
    double[] band =
        confidenceBand(
            value,
            samplingError,
            RealizedPerformanceCalculator.lowerLimit(metric),
            realized.upperLimit(metric));
    Bounds b = thresholds.getOrDefault(Specs.key(segment) + "\u0001" + metric, Bounds.NONE);
    return new Measurement(
        calculator,
        metric,
        null,
        segment,
        chunk,
        Measurement.finite(value),
        null,
        Measurement.finite(samplingError),
        realizedValues.get(segment, metric, chunk),
        Measurement.finite(band[0]),
        Measurement.finite(band[1]),
        b.lower(),
        b.upper(),
        b.alert(value, AlertRule.OUTSIDE));
  }

  /**
   * {lower, upper} confidence bound of an estimate: value ∓ 3 sampling errors, clipped to the
   * metric's limits (null: none). NaN when either input is.
   */
  static double[] confidenceBand(
      double value, double samplingError, Double lowerLimit, Double upperLimit) {
    double lower = value - 3 * samplingError;
    double upper = value + 3 * samplingError;
    return new double[] {
      lowerLimit == null ? lower : Math.max(lowerLimit, lower),
      upperLimit == null ? upper : Math.min(upperLimit, upper)
    };
  }
}
