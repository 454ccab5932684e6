package dev.vigil.performance;

import dev.vigil.calculators.Measurement;
import java.util.ArrayList;
import java.util.List;

/**
 * The concept-drift signal: where a chunk has both an estimate (CBPE, DLE) and its realized value,
 * result rows with calculator {@value #NAME} and the estimated metric's name, whose value is
 * {@code realized − estimated}. Under the model's own input-to-outcome relation the two differ by
 * the sampling noise of the realized value, which the estimate's sampling error measures (NannyML
 * gives both the same one); so the thresholds are {@code ± k ×} the chunk's sampling error ({@code
 * calculators.estimated_performance.performance_gap}, default 3) and the row alerts when the gap is
 * beyond them: the inputs say the model should perform one way, the targets say another. No row for a
 * chunk without targets (no realized value) or without an estimate; without a sampling error a row
 * has no thresholds and does not alert. From the estimate rows alone: no state of its own.
 */
public final class PerformanceGap {
    public static final String NAME = "performance_gap";

    private PerformanceGap() {}

    /** {@code estimates} followed by their gap rows ({@code samplingErrors} null: the estimates alone). */
    static List<Measurement> appended(List<Measurement> estimates, Double samplingErrors) {
        if (samplingErrors == null) {
            return estimates;
        }
        List<Measurement> out = new ArrayList<>(estimates);
        for (Measurement e : estimates) {
            if (e.value() == null || e.realized() == null) {
                continue;
            }
            double gap = e.realized() - e.value();
            Double se = e.samplingError();
            Double half = se == null ? null : samplingErrors * se;
            out.add(new Measurement(
                    NAME,
                    e.metric(),
                    e.column(),
                    e.segment(),
                    e.chunkIndex(),
                    Measurement.finite(gap),
                    null,
                    se,
                    null,
                    null,
                    null,
                    half == null ? null : -half,
                    half,
                    half != null && Math.abs(gap) > half));
        }
        return out;
    }
}
