package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The merge law of a mergeable state ({@link ColumnState}, {@link RowState}), on seeded random
 * inputs (missing ones included), in every regime the state has (e.g. exact and sketch): merging an
 * empty state changes nothing; merge is commutative and associative; the state of all inputs equals
 * the merge of the states of any split of them (random splits into 2..{@value #MAX_PARTS} parts,
 * merged in random trees); a merge leaves its argument unchanged and returns its receiver (the
 * driver merges chunk states into a whole and still reads the chunks); and states survive Java
 * serialisation (they travel between Spark tasks and to the driver), alone and merged.
 *
 * <p>A concrete test, {@code <StateName>LawTest} in the state's package ({@code
 * MergeLawCoverageTest} checks there is one per state), supplies an empty state, how to feed it a
 * list of inputs, a seeded input generator and an {@link Observation}: what the state exposes,
 * compared exactly for counts and within a stated tolerance for floating-point sums.
 *
 * @param <S> the state
 * @param <I> one input: a value (null or NaN = missing), a string, or a {@link RowInput}
 */
public abstract class MergeLawContract<S extends ColumnState, I> extends LawInputs {
    /** The unit roundoff u of double arithmetic, 2^-53. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;

    /** Splits go up to this many parts. */
    static final int MAX_PARTS = 6;

    /** Random splits (and merge trees) per number of parts and seed. */
    static final int SPLITS = 3;

    /**
     * The relative bound on the difference between two summation orders of {@code terms} terms of one
     * sign: each order is within γ_{n−1}·Σ|x_i| of the exact sum (Higham, Accuracy and Stability of
     * Numerical Algorithms, §4.2, γ_k = k·u/(1−k·u)), so two orders differ by at most 2·γ_n·Σ|x_i| (=
     * 2·γ_n·|Σ x_i| when all terms have one sign).
     */
    public static double reorderedSumBound(long terms) {
        double nu = terms * UNIT_ROUNDOFF;
        return 2 * nu / (1 - nu);
    }

    /** An empty state (of the default regime). */
    protected abstract S empty();

    /** One generated input; missing inputs included. */
    protected abstract I input(SplittableRandom random);

    /** Feeds the inputs in order, as the scan does. */
    protected abstract void feed(S state, List<I> inputs);

    /** What the state exposes. */
    protected abstract Observation observe(S state);

    /** The regimes to test; by default one, of {@link #defaultInputs()} inputs. */
    protected List<Regime> regimes() {
        return List.of(regime("default", defaultInputs()));
    }

    /** Inputs of a whole case in the default regime. */
    protected int defaultInputs() {
        return 600;
    }

    /**
     * A regime: at most {@code inputs} inputs per case, this test's empty state and generator unless
     * replaced, seeds 1..3.
     */
    protected final Regime regime(String name, int inputs) {
        return new Regime(name, inputs);
    }

    /** One side of a state's representation switch, or its only side. */
    protected final class Regime {
        final String name;
        final int inputs;
        long[] seeds = {1, 2, 3};
        int maxParts = MAX_PARTS;
        Supplier<S> empty = MergeLawContract.this::empty;
        Function<SplittableRandom, I> input = MergeLawContract.this::input;
        String reachedWhat;
        Predicate<S> reached = s -> true;

        Regime(String name, int inputs) {
            this.name = name;
            this.inputs = inputs;
        }

        public Regime seeds(long... s) {
            this.seeds = s;
            return this;
        }

        /** Splits into 2..{@code k} parts (fewer for large states, to keep the test fast). */
        public Regime maxParts(int k) {
            this.maxParts = k;
            return this;
        }

        public Regime empty(Supplier<S> e) {
            this.empty = e;
            return this;
        }

        public Regime input(Function<SplittableRandom, I> i) {
            this.input = i;
            return this;
        }

        /** The whole state of every seed must satisfy this (proving the regime was reached). */
        public Regime reaching(String what, Predicate<S> p) {
            this.reachedWhat = what;
            this.reached = p;
            return this;
        }

        List<I> inputs(SplittableRandom r, int n) {
            List<I> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(input.apply(r));
            }
            return out;
        }

        S stateOf(List<I> inputs) {
            S s = empty.get();
            feed(s, inputs);
            return s;
        }

        @Override
        public String toString() {
            return name + " (" + inputs + " inputs)";
        }
    }

    // ---------------------------------------------------------------- laws

    @Test
    public void regimesAreReached() {
        for (Regime g : regimes()) {
            for (long seed : g.seeds) {
                S whole = g.stateOf(g.inputs(new SplittableRandom(seed), g.inputs));
                assertThat(g.reached.test(whole))
                        .as("%s seed %d: the whole state should be %s", g, seed, g.reachedWhat)
                        .isTrue();
            }
        }
    }

    @Test
    public void mergingAnEmptyStateChangesNothing() {
        for (Regime g : regimes()) {
            assertSame(g + ": empty + empty", observe(g.empty.get()), observe(merge(g.empty.get(), g.empty.get())));
            for (long seed : g.seeds) {
                List<I> xs = g.inputs(new SplittableRandom(seed), g.inputs);
                Observation expected = observe(g.stateOf(xs));
                String where = g + " seed " + seed;
                assertSame(where + ": a + empty", expected, observe(merge(g.stateOf(xs), g.empty.get())));
                assertSame(where + ": empty + a", expected, observe(merge(g.empty.get(), g.stateOf(xs))));
            }
        }
    }

    @Test
    public void mergeIsCommutativeAndAssociative() {
        for (Regime g : regimes()) {
            for (long seed : g.seeds) {
                SplittableRandom r = new SplittableRandom(seed);
                List<I> a = g.inputs(r, r.nextInt(g.inputs + 1));
                List<I> b = g.inputs(r, r.nextInt(g.inputs + 1));
                List<I> c = g.inputs(r, r.nextInt(g.inputs + 1));
                String where = g + " seed " + seed + " (" + a.size() + ", " + b.size() + ", " + c.size();
                // a + b, then (a + b) + c on the same state; b + a; a + (b + c)
                S ab = merge(g.stateOf(a), g.stateOf(b));
                Observation abSeen = observe(ab);
                assertSame(where + "): a + b = b + a", abSeen, observe(merge(g.stateOf(b), g.stateOf(a))));
                assertSame(
                        where + "): (a + b) + c = a + (b + c)",
                        observe(merge(ab, g.stateOf(c))),
                        observe(merge(g.stateOf(a), merge(g.stateOf(b), g.stateOf(c)))));
            }
        }
    }

    @Test
    public void theWholeEqualsTheMergeOfAnySplit() {
        for (Regime g : regimes()) {
            for (long seed : g.seeds) {
                SplittableRandom r = new SplittableRandom(seed);
                List<I> all = g.inputs(r, g.inputs);
                Observation whole = observe(g.stateOf(all));
                for (int k = 2; k <= g.maxParts; k++) {
                    for (int split = 0; split < SPLITS; split++) {
                        boolean contiguous = split % 2 == 0;
                        List<List<I>> parts = contiguous ? cut(all, k, r) : deal(all, k, r);
                        List<S> states = new ArrayList<>();
                        for (List<I> p : parts) {
                            states.add(g.stateOf(p));
                        }
                        assertSame(
                                String.format(
                                        "%s seed %d: %s split into %d parts of %s, merged in a random tree",
                                        g, seed, contiguous ? "contiguous" : "dealt", k, sizes(parts)),
                                whole,
                                observe(mergeTree(states, r)));
                    }
                }
            }
        }
    }

    @Test
    public void aMergeLeavesItsArgumentUnchangedAndReturnsItsReceiver() {
        for (Regime g : regimes()) {
            for (long seed : g.seeds) {
                SplittableRandom r = new SplittableRandom(seed);
                List<I> a = g.inputs(r, r.nextInt(g.inputs + 1));
                List<I> b = g.inputs(r, r.nextInt(g.inputs + 1));
                S receiver = g.stateOf(a);
                S argument = g.stateOf(b);
                ColumnState returned = receiver.merge(argument);
                assertThat(returned)
                        .as("%s seed %d: merge returns its receiver", g, seed)
                        .isSameAs(receiver);
                assertSame(
                        g + " seed " + seed + ": the argument after the merge",
                        observe(g.stateOf(b)),
                        observe(argument));
            }
        }
    }

    @Test
    public void statesSurviveSerialisationAloneAndMerged() {
        for (Regime g : regimes()) {
            assertSame(g + ": empty round trip", observe(g.empty.get()), observe(roundTrip(g.empty.get())));
            for (long seed : g.seeds) {
                SplittableRandom r = new SplittableRandom(seed);
                List<I> a = g.inputs(r, r.nextInt(g.inputs + 1));
                List<I> b = g.inputs(r, r.nextInt(g.inputs + 1));
                String where = g + " seed " + seed;
                S sa = g.stateOf(a);
                Observation seenA = observe(sa);
                Observation merged = observe(merge(g.stateOf(a), g.stateOf(b)));
                S travelledA = roundTrip(sa);
                assertSame(where + ": round trip", seenA, observe(travelledA));
                assertSame(where + ": two round trips", seenA, observe(roundTrip(travelledA)));
                assertSame(
                        where + ": both sides travelled", merged, observe(merge(travelledA, roundTrip(g.stateOf(b)))));
                assertSame(where + ": the argument travelled", merged, observe(merge(sa, roundTrip(g.stateOf(b)))));
                assertSame(
                        where + ": the merge travelled", merged, observe(roundTrip(merge(g.stateOf(a), g.stateOf(b)))));
                assertSame(
                        where + ": a travelled empty state",
                        seenA,
                        observe(merge(roundTrip(g.empty.get()), g.stateOf(a))));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    S merge(S a, S b) {
        return (S) a.merge(b);
    }

    /** Merges the states pairwise in random order and direction until one is left. */
    S mergeTree(List<S> states, SplittableRandom r) {
        List<S> left = new ArrayList<>(states);
        while (left.size() > 1) {
            int i = r.nextInt(left.size());
            S a = left.remove(i);
            int j = r.nextInt(left.size());
            S b = left.remove(j);
            left.add(merge(a, b));
        }
        return left.get(0);
    }

    static void assertSame(String law, Observation expected, Observation actual) {
        List<String> differences = expected.differences(actual);
        assertThat(differences)
                .as(law + ": " + differences.size() + " differences")
                .isEmpty();
    }
}
