package dev.vigil.calculators;

import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What every fitted calculator keeps: the specs of its analysis pass and its results on the
 * reference chunks.
 */
public abstract class FittedBase implements FittedCalculator {
    protected final List<StateSpec> analysisSpecs = new ArrayList<>();
    protected List<Measurement> referenceResults = List.of();

    @Override
    public final List<StateSpec> analysisSpecs() {
        return analysisSpecs;
    }

    @Override
    public final List<Measurement> reference() {
        return referenceResults;
    }
}
