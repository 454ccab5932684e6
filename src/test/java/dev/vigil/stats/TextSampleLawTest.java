package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link TextSample}: the present strings' count and the smallest of them. */
class TextSampleLawTest extends MergeLawContract<TextSample, String> {
    @Override
    protected TextSample empty() {
        return new TextSample();
    }

    @Override
    protected String input(SplittableRandom r) {
        return r.nextInt(3) == 0 ? null : "v" + r.nextInt(100);
    }

    @Override
    protected void feed(TextSample s, List<String> inputs) {
        for (String x : inputs) {
            if (x == null) {
                s.addNull();
            } else {
                s.add(x);
            }
        }
    }

    @Override
    protected Observation observe(TextSample s) {
        return new Observation().exact("present", s.present()).exact("example", s.example());
    }
}
