package dev.vigil.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds every user-facing error message in one place, so they share one shape. */
public final class Errors {
    private Errors() {}

    public static UserException badValue(String key, Object value, String expected) {
        String name =
                key.contains(".options.") ? key.substring(key.indexOf(".options.") + ".options.".length()) : last(key);
        Object shown = Secrets.looksSecret(name) && value != null ? Secrets.MASK : value;
        return new UserException("configuration key '" + key + "': got " + quote(shown) + ", expected " + expected);
    }

    /** A valid key refused because it would have no effect, with why and what to do instead. */
    public static UserException refused(String key, String why) {
        return new UserException("configuration key '" + key + "' is refused: " + why);
    }

    public static UserException missingKey(String key, String expected) {
        return new UserException("configuration key '" + key + "' is missing: expected " + expected);
    }

    public static UserException unknownKey(String key, Collection<String> valid) {
        String hint = closest(last(key), valid)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
        return new UserException(
                "configuration key '" + key + "' is not known" + hint + "; valid keys here: " + sorted(valid));
    }

    public static UserException unknownName(String key, String name, Collection<String> valid) {
        String hint =
                closest(name, valid).map(c -> " (did you mean '" + c + "'?)").orElse("");
        return new UserException("configuration key '"
                + key
                + "': '"
                + name
                + "' is not known"
                + hint
                + "; expected one of "
                + sorted(valid));
    }

    public static UserException unknownColumn(String key, String column, String dataset, Collection<String> available) {
        String hint = closest(column, available)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
        return new UserException("configuration key '"
                + key
                + "': column '"
                + column
                + "' is not in the "
                + dataset
                + " data"
                + hint
                + "; available columns: "
                + available);
    }

    public static UserException unsetEnv(String name, String key) {
        return new UserException("configuration key '"
                + key
                + "' uses ${"
                + name
                + "}, but the environment variable "
                + name
                + " is not set; expected it to be set (or remove the reference)");
    }

    public static UserException unreadable(String what, String path, String why) {
        return new UserException("cannot read " + what + " '" + path + "': " + why);
    }

    // ---- user errors found inside a Spark job (a row-level check on data that only the job reads)
    // ----

    /** The markers around a user error raised inside a Spark job ({@code io.JobErrors}). */
    public static final String JOB_ERROR_START = "vigil-user-error<<";

    public static final String JOB_ERROR_END = ">>vigil-user-error";
    private static final Pattern JOB_ERROR =
            Pattern.compile(Pattern.quote(JOB_ERROR_START) + "(.*?)" + Pattern.quote(JOB_ERROR_END), Pattern.DOTALL);

    /** Hadoop's message for a URI scheme without a FileSystem on the classpath. */
    private static final Pattern NO_FILESYSTEM =
            Pattern.compile("No FileSystem for scheme \"?([A-Za-z][A-Za-z0-9+.-]*)");

    /** A path whose scheme has no Hadoop FileSystem here, with the connector it needs. */
    static UserException noFileSystem(String scheme) {
        String needs = scheme.equals("s3a")
                ? "hadoop-aws and the AWS SDK, which local runs leave out to keep the first download small (scripts/vigil:"
                        + " set VIGIL_S3=1; spark-submit: EMR and Databricks provide it, elsewhere add --packages"
                        + " org.apache.hadoop:hadoop-aws:<Spark's Hadoop version>)"
                : "the connector for " + scheme + ":// on the driver's and executors' classpath";
        return new UserException(
                "no Hadoop FileSystem for '" + scheme + "://' paths on this classpath; expected " + needs);
    }

    /**
     * The user error behind a failure: a {@link UserException} in its causes, or one raised inside a
     * Spark job ({@code io.JobErrors.failInJob}).
     */
    public static UserException userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserException u) {
                return u;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            // a plan that does not analyse quotes the check's expression, markers included: not a user
            // error raised by a job
            Matcher m = JOB_ERROR.matcher(String.valueOf(c.getMessage()));
            if (m.find() && !c.getClass().getName().endsWith("AnalysisException")) {
                return new UserException(m.group(1));
            }
            Matcher fs = NO_FILESYSTEM.matcher(String.valueOf(c.getMessage()));
            if (fs.find()) {
                return noFileSystem(fs.group(1));
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String last(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static List<String> sorted(Collection<String> valid) {
        return valid.stream().sorted().toList();
    }

    /**
     * The valid name closest to {@code name} by edit distance, if it is close enough to be a likely
     * typo.
     */
    public static Optional<String> closest(String name, Collection<String> valid) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase();
        Optional<String> typo = valid.stream()
                .min(Comparator.comparingInt(v -> distance(n, v.toLowerCase())))
                .filter(v -> distance(n, v.toLowerCase()) <= Math.max(2, n.length() / 3));
        if (typo.isPresent()) {
            return typo;
        }
        // a word too many or too few: chunk_size for size, threshold for upper_threshold
        List<String> words = List.of(n.split("_"));
        return valid.stream()
                .filter(v -> words.contains(v.toLowerCase())
                        || List.of(v.toLowerCase().split("_")).contains(n))
                .min(Comparator.comparingInt(v -> Math.abs(v.length() - n.length())));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
