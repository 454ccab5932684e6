package dev.vigil.testing;

/**
 * How close an oracle number and Vigil's must be, for {@link OracleComparator}. Each kind is one of
 * the rules the conformance tests have used, with its own handling of missing values (null; NaN
 * where stated). {@link #error} measures a pair in the rule's own unit, so the worst pair of a
 * comparison can be reported beside its bound.
 */
public sealed interface Tolerance {
    /** Whether {@code actual} matches {@code expected} (the oracle's). */
    boolean accepts(Double expected, Double actual);

    /** The difference in this rule's unit (compared with {@link #bound}); 0 if not comparable. */
    double error(Double expected, Double actual);

    /** The bound {@link #error} is held to. */
    double bound();

    /**
     * {@code |e − a| ≤ tol · max(1, |e|)}: absolute below 1, relative above; null only matches null.
     */
    static Tolerance scaled(double tol) {
        return new Scaled(tol);
    }

    /** {@code |e − a| ≤ tol · |e|}: strictly relative; null only matches null. */
    static Tolerance relative(double tol) {
        return new Relative(tol);
    }

    /**
     * {@code |e − a| / max(1e-12, |e|) ≤ tol}: relative, with a floor under tiny expected values;
     * null only matches null.
     */
    static Tolerance relativeWithFloor(double tol) {
        return new RelativeWithFloor(tol);
    }

    /** {@link OracleCsv#close}: null and NaN alike, both tiny (≤ 1e-12 apart) or within relTol. */
    static Tolerance close(double relTol) {
        return new Close(relTol);
    }

    private static boolean none(Double x) {
        return x == null;
    }

    record Scaled(double bound) implements Tolerance {
        @Override
        public boolean accepts(Double e, Double a) {
            return none(e) ? none(a) : a != null && Math.abs(e - a) <= bound * Math.max(1, Math.abs(e));
        }

        @Override
        public double error(Double e, Double a) {
            return e == null || a == null ? 0 : Math.abs(e - a) / Math.max(1, Math.abs(e));
        }
    }

    record Relative(double bound) implements Tolerance {
        @Override
        public boolean accepts(Double e, Double a) {
            return none(e) ? none(a) : a != null && Math.abs(e - a) <= bound * Math.abs(e);
        }

        @Override
        public double error(Double e, Double a) {
            if (e == null || a == null || e.equals(a)) {
                return 0;
            }
            return Math.abs(e - a) / Math.abs(e);
        }
    }

    record RelativeWithFloor(double bound) implements Tolerance {
        @Override
        public boolean accepts(Double e, Double a) {
            if (none(e) || none(a)) {
                return none(e) && none(a);
            }
            return error(e, a) <= bound;
        }

        @Override
        public double error(Double e, Double a) {
            return e == null || a == null ? 0 : Math.abs(e - a) / Math.max(1e-12, Math.abs(e));
        }
    }

    record Close(double bound) implements Tolerance {
        @Override
        public boolean accepts(Double e, Double a) {
            return OracleCsv.close(e, a, bound);
        }

        @Override
        public double error(Double e, Double a) {
            if (e == null || a == null || e.isNaN() || a.isNaN()) {
                return 0;
            }
            double diff = Math.abs(e - a);
            return diff <= 1e-12 ? 0 : diff / Math.max(Math.abs(e), Math.abs(a));
        }
    }
}
