package dev.vigil.stats;

import java.util.HashMap;
import java.util.Map;

/** Exact count of each distinct value of a categorical column, plus the missing count. */
public final class CategoryCounts implements ColumnState {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, Long> counts = new HashMap<>();
  private long nulls;

  public static CategoryCounts of(String... values) {
    CategoryCounts c = new CategoryCounts();
    for (String v : values) {
      if (v == null) {
        c.addNull();
      } else {
        c.add(v);
      }
    }
    return c;
  }

  @Override
  public void addNull() {
    nulls++;
  }

  @Override
  public void add(String value) {
    counts.merge(value, 1L, Long::sum);
  }

  @Override
  public CategoryCounts merge(ColumnState o) {
    CategoryCounts b = (CategoryCounts) o;
    b.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    nulls += b.nulls;
    return this;
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  public long nulls() {
    return nulls;
  }

  public long rows() {
    return nulls + counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
