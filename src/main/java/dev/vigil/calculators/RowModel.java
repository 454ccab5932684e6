package dev.vigil.calculators;

import java.io.Serializable;
import java.util.List;

/**
 * A model the {@link Learner} trained, kept by a fitted calculator (and in the stored reference
 * profile): the pipeline adds its {@link #outputColumns} to a chunked dataset before that dataset
 * is scanned, so the calculator reads their states like any other column's. What it holds is the
 * Spark side's business.
 */
public interface RowModel extends Serializable {
    List<String> outputColumns();
}
