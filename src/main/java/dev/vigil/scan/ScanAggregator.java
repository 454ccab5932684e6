package dev.vigil.scan;

import dev.vigil.stats.ColumnState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The one aggregation of a scan: feeds every row's columns to every requested state of its group. Input row:
 * field 0 is the segment, then one field per (column, input kind). States are serialised once per group and
 * partition (the buffer), never per row.
 */
final class ScanAggregator extends Aggregator<Row, ScanBuffer, byte[]> {
  private static final long serialVersionUID = 1L;
  private final StateSpec[] specs;
  private final int[] field;
  private final boolean[] numeric;

  ScanAggregator(List<StateSpec> specs, int[] field) {
    this.specs = specs.toArray(StateSpec[]::new);
    this.field = field;
    this.numeric = new boolean[this.specs.length];
    for (int i = 0; i < this.specs.length; i++) {
      numeric[i] = this.specs[i].input() == StateSpec.Input.NUMERIC;
    }
  }

  @Override
  public ScanBuffer zero() {
    return new ScanBuffer();
  }

  @Override
  public ScanBuffer reduce(ScanBuffer b, Row row) {
    if (b.states == null) {
      String segment = row.isNullAt(0) ? null : row.getString(0);
      b.states = new ColumnState[specs.length];
      for (int i = 0; i < specs.length; i++) {
        b.states[i] = specs[i].newState(segment);
      }
    }
    ColumnState[] states = b.states;
    for (int i = 0; i < states.length; i++) {
      int f = field[i];
      if (row.isNullAt(f)) {
        states[i].addNull();
      } else if (numeric[i]) {
        double v = row.getDouble(f);
        if (Double.isNaN(v)) {
          states[i].addNull();
        } else {
          states[i].add(v);
        }
      } else {
        states[i].add(row.getString(f));
      }
    }
    return b;
  }

  @Override
  public ScanBuffer merge(ScanBuffer a, ScanBuffer b) {
    if (a.states == null) {
      return b;
    }
    if (b.states == null) {
      return a;
    }
    for (int i = 0; i < a.states.length; i++) {
      a.states[i].merge(b.states[i]);
    }
    return a;
  }

  @Override
  public byte[] finish(ScanBuffer b) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(b.states);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Encoder<ScanBuffer> bufferEncoder() {
    return Encoders.javaSerialization(ScanBuffer.class);
  }

  @Override
  public Encoder<byte[]> outputEncoder() {
    return Encoders.BINARY();
  }
}
