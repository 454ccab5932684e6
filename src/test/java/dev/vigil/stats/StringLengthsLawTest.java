package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link StringLengths}: the lengths' count, min and max exactly, their mean within rounding. */
class StringLengthsLawTest extends MergeLawContract<StringLengths, String> {
    @Override
    protected StringLengths empty() {
        return new StringLengths();
    }

    /** Missing, empty, ASCII and a character outside the BMP (one character, two UTF-16 units). */
    @Override
    protected String input(SplittableRandom r) {
        int u = r.nextInt(12);
        return u == 0 ? null : u == 1 ? "" : u == 2 ? "\uD83D\uDE00x" : "a".repeat(r.nextInt(30));
    }

    @Override
    protected void feed(StringLengths s, List<String> inputs) {
        feedStrings(s, inputs);
    }

    @Override
    protected Observation observe(StringLengths s) {
        Moments m = s.moments();
        return new Observation()
                .exact("n", m.n())
                .exact("min", m.n() == 0 ? "none" : m.min())
                .exact("max", m.n() == 0 ? "none" : m.max())
                .approx("mean", m.n() == 0 ? 0 : m.mean(), 1e-12);
    }
}
