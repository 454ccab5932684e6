package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.config.ProblemType;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A classification problem type, with what CBPE adds to its realized states: the scores it
 * calibrates, the states of its estimates and, once fitted, each chunk's estimate inputs.
 */
interface ClassificationProblem<C extends ClassCounts, E extends ClassCounts> extends Problem<C, E> {
    /**
     * A score CBPE may calibrate: its column, the 0/1 column of its class, the columns of its values
     * on the class's rows and on the others', and how logs name it.
     */
    record CalibratedScore(String score, String indicator, String positives, String negatives, String label)
            implements Serializable {}

    /** Fits a score's calibrator on a segment of the reference; null: the scores as they are. */
    interface Calibrator {
        Isotonic fit(ChunkTable reference, String segment, CalibratedScore score);
    }

    static ClassificationProblem<?, ?> of(
            ProblemType type, String target, String prediction, Map<String, String> scores) {
        return type == ProblemType.MULTICLASS_CLASSIFICATION
                ? MulticlassProblem.of(scores, target, prediction)
                : new BinaryProblem(target, prediction, scores.get(""));
    }

    /** Columns CBPE derives beyond realized performance's. */
    default Map<String, String> estimateColumns() {
        return Map.of();
    }

    /** States of every chunk CBPE needs beyond realized performance's. */
    default List<StateSpec> estimateSpecs() {
        return List.of();
    }

    List<CalibratedScore> calibratedScores();

    /** A further reference pass CBPE needs once pass 1 is in; none unless said otherwise. */
    default List<StateSpec> refinementSpecs(ChunkTable reference, Calibrator calibrator) {
        return List.of();
    }

    /** The fitted estimate inputs, calibrated as {@code calibrator} says. */
    Problem.Estimates<E> estimates(ChunkTable reference, Calibrator calibrator);
}
