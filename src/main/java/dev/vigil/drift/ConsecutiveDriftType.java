package dev.vigil.drift;

/**
 * {@code consecutive_drift}: univariate drift's methods and keys ({@link
 * UnivariateDriftConfig#CONSECUTIVE_SCHEMA}), each chunk against the chunk before it (Lakehouse
 * Monitoring's CONSECUTIVE drift); off unless configured.
 */
public final class ConsecutiveDriftType extends UnivariateDriftType {
    public ConsecutiveDriftType() {
        super(UnivariateDriftConfig.CONSECUTIVE_SCHEMA, false, true);
    }
}
