package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {
  static final double[] EDGES = {0, 1, 2, 4};

  @Test
  void binsAreHalfOpenButTheLastIsClosed() {
    Histogram h = Histogram.of(EDGES, 0, 0.5, 1, 1.99, 2, 3.5, 4, -0.1, 4.1, Double.NaN);
    assertThat(h.counts()).containsExactly(2, 2, 3);
    assertThat(h.below()).isEqualTo(1);
    assertThat(h.above()).isEqualTo(1);
    assertThat(h.nulls()).isEqualTo(1);
    assertThat(h.n()).isEqualTo(9);
  }

  @Test
  void mergeEqualsTheWhole() {
    double[] xs = {0.1, 3, 7, -2, 1.5, 2, 2, 0};
    Histogram whole = Histogram.of(EDGES, xs);
    for (int cut = 0; cut <= xs.length; cut++) {
      Histogram a = Histogram.of(EDGES, java.util.Arrays.copyOfRange(xs, 0, cut));
      Histogram b = Histogram.of(EDGES, java.util.Arrays.copyOfRange(xs, cut, xs.length));
      Histogram m = a.merge(b);
      assertThat(m.counts()).containsExactly(whole.counts());
      assertThat(m.below()).isEqualTo(whole.below());
      assertThat(m.above()).isEqualTo(whole.above());
    }
  }
}
