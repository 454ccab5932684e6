package dev.vigil.stats;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@link UnseenCount} with a reference of a..d, once without missing values in the reference (a
 * missing value is unseen) and once with (it is seen).
 */
class UnseenCountLawTest extends MergeLawContract<UnseenCount, String> {
    static final Set<String> SEEN = Set.of("a", "b", "c", "d");

    @Override
    protected UnseenCount empty() {
        return new UnseenCount(SEEN, false);
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("missing values unseen", 600),
                regime("missing values seen", 600).empty(() -> new UnseenCount(SEEN, true)));
    }

    /** a..f (e and f unseen) or missing. */
    @Override
    protected String input(SplittableRandom r) {
        int i = r.nextInt(7);
        return i == 6 ? null : String.valueOf((char) ('a' + i));
    }

    @Override
    protected void feed(UnseenCount s, List<String> inputs) {
        feedStrings(s, inputs);
    }

    @Override
    protected Observation observe(UnseenCount s) {
        return new Observation().exact("rows", s.rows()).exact("unseen", s.unseen());
    }
}
