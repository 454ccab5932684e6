package dev.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * Column roles. {@code features} and {@code categorical} are null when not configured (then derived
 * from the data: every column not named elsewhere; string and boolean columns). {@code scores} maps
 * class label to score column; a binary model's single score column is stored under the key {@code
 * ""}.
 */
public record ColumnsConfig(
    String timestamp,
    String id,
    List<String> features,
    List<String> categorical,
    String prediction,
    Map<String, String> scores,
    String target,
    List<String> segments)
    implements java.io.Serializable {

  /** Every column named in a role (not the features), in a stable order. */
  public List<String> roleColumns() {
    List<String> out = new java.util.ArrayList<>();
    for (String c : new String[] {timestamp, id, prediction, target}) {
      if (c != null) {
        out.add(c);
      }
    }
    out.addAll(scores.values());
    out.addAll(segments);
    return out;
  }
}
