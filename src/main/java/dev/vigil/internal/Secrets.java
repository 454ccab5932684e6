package dev.vigil.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Vigil prints or stores (stderr, logs, {@code runs.config}, {@code
 * runs.error}). A secret is: a value under a configuration key that looks secret ({@link
 * #looksSecret}: url, token, secret, password, credential, access key, ...), reader options
 * included; a value substituted from an environment variable whose name looks secret ({@code
 * ${SLACK_WEBHOOK_URL}}, {@code ${AWS_SECRET_ACCESS_KEY}}); and, in any text, the credentials of a
 * URL ({@code scheme://user:password@host}), secret-looking query parameters ({@code ?token=...},
 * {@code &X-Amz-Signature=...}) and the path of Slack or Discord webhook URLs. {@link #redact}
 * replaces them by {@code ***}. The secret values of the configuration loaded last are the ones
 * masked (one configuration per process in the CLI); values shorter than {@link #MIN_LENGTH}
 * characters are masked where their key says so but not searched for in free text.
 */
public final class Secrets {
    public static final String MASK = "***";
    public static final int MIN_LENGTH = 4;

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(url|token|secret|password|passwd|credential|access[._-]?key|account[._-]?key|api[._-]?key"
                    + "|private[._-]?key|webhook|signature).*");

    /**
     * scheme://user:password@ or scheme://token@ (a URL's user information); the password may hold an
     * unescaped '/', as AWS secret keys do.
     */
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^/\\s@'\":]+:[^\\s@'\"]+|[^/\\s@'\"]+)@");

    /** ?name=value / &name=value with a secret-looking name. */
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "(?i)([?&;][^=&\\s'\"]*(?:token|key|sig|signature|secret|password|credential|auth|code)[^=&\\s'\"]*=)[^&\\s'\"#]+");

    /** Webhook URLs whose path is the secret. */
    private static final Pattern HOOK_PATH = Pattern.compile(
            "(?i)(hooks\\.slack\\.com/(?:services|workflows|triggers)/|discord(?:app)?\\.com/api/webhooks/)[^\\s'\"?#]+");

    private static volatile List<String> values = List.of();

    private Secrets() {}

    /** A configuration key or environment variable name that holds a secret. */
    public static boolean looksSecret(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Whether a path or URL carries credentials ({@code scheme://user:password@host/...}). */
    public static boolean hasUrlCredentials(String path) {
        return path != null && URL_USER_INFO.matcher(path).find();
    }

    /** Makes these the secret values {@link #redact} masks (the configuration being run). */
    public static void install(Collection<String> secretValues) {
        List<String> v = new ArrayList<>();
        for (String s : secretValues) {
            if (s != null && s.length() >= MIN_LENGTH && !v.contains(s)) {
                v.add(s);
            }
        }
        v.sort(Comparator.comparingInt(String::length).reversed());
        values = List.copyOf(v);
    }

    /**
     * The text with every known secret value, URL credential, secret query parameter and hook path
     * masked.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        out = URL_USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        out = SECRET_QUERY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        out = HOOK_PATH.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return out;
    }
}
