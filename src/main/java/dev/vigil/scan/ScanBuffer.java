package dev.vigil.scan;

import dev.vigil.stats.ColumnState;
import java.io.Serializable;

/** The aggregation buffer of one (segment, chunk) group: one state per spec, made on the group's first row. */
public final class ScanBuffer implements Serializable {
  private static final long serialVersionUID = 1L;
  ColumnState[] states;
}
