package dev.vigil.performance;

/**
 * One group's counts for the fairness metrics: its rows with a prediction and those predicted 1,
 * and its confusion cells over the rows with a target and a prediction (counted, or CBPE's expected
 * cells over the rows with a score and a prediction). Sums, so the rest of a chunk is {@link
 * #minus}.
 */
record FairnessCounts(double predicted, double predictedPositive, double tp, double fp, double fn, double tn) {
    static final FairnessCounts NONE = new FairnessCounts(0, 0, 0, 0, 0, 0);

    /** The rows the confusion cells are over. */
    double labelled() {
        return tp + fp + fn + tn;
    }

    /** These counts without {@code part}'s (a group's rows minus a subgroup's). */
    FairnessCounts minus(FairnessCounts part) {
        return new FairnessCounts(
                predicted - part.predicted,
                predictedPositive - part.predictedPositive,
                tp - part.tp,
                fp - part.fp,
                fn - part.fn,
                tn - part.tn);
    }
}
