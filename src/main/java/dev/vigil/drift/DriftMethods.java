package dev.vigil.drift;

import dev.vigil.drift.DriftMethod.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The univariate drift methods, one line each: the configuration's {@code continuous_methods} and
 * {@code categorical_methods} accept their keys (validation, suggestions, {@code --help} and the
 * configuration reference read them here), and the calculator measures with them.
 */
public final class DriftMethods {
    private DriftMethods() {}

    /** Every method, in the order the configuration lists them. */
    public static final List<DriftMethod> ALL = List.copyOf(registered());

    /** The registrations, one line each. */
    private static List<DriftMethod> registered() {
        List<DriftMethod> all = new ArrayList<>();
        all.add(new KolmogorovSmirnov());
        all.add(new Chi2());
        all.add(new JensenShannon());
        all.add(new Wasserstein());
        all.add(new Hellinger());
        all.add(new LInfinity());
        all.add(new Psi());
        all.add(new TotalVariation());
        all.add(new AndersonDarling());
        all.add(new CramerVonMises());
        all.add(new EnergyDistance());
        all.add(new KullbackLeibler());
        return all;
    }

    /** The method of that key. */
    public static DriftMethod get(String key) {
        for (DriftMethod m : ALL) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a univariate drift method: " + key);
    }

    /** The keys of the methods for that column kind. */
    public static List<String> keys(Kind kind) {
        return ALL.stream()
                .filter(m -> m.kinds().contains(kind))
                .map(DriftMethod::key)
                .toList();
    }

    /** The keys of every method. */
    public static List<String> keys() {
        return ALL.stream().map(DriftMethod::key).toList();
    }

    /** The keys of the methods with an exact path, for people: "a and b", "a, b and c". */
    public static String exactPathMethods() {
        List<String> keys = new ArrayList<>();
        for (DriftMethod m : ALL) {
            if (m.kinds().contains(Kind.CONTINUOUS) && m.input().exactPath) {
                keys.add(m.key());
            }
        }
        int last = keys.size() - 1;
        return last <= 0 ? String.join("", keys) : String.join(", ", keys.subList(0, last)) + " and " + keys.get(last);
    }
}
