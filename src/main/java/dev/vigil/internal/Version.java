package dev.vigil.internal;

/** The running Vigil version (from the jar manifest; the pom version in development). */
public final class Version {
    public static final String VERSION = detect();

    private Version() {}

    private static String detect() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
