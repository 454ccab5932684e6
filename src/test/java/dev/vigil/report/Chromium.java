package dev.vigil.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Debian Chromium as the report's browser check runs it (the same flags as
 * scripts/check-report): a fresh profile per call, no sandbox (root), no GPU, no background
 * networking. Missing Chromium skips a test locally and fails it with {@code CI=true}.
 */
final class Chromium {
    private Chromium() {}

    static Path require() {
        Path p = Path.of(System.getenv().getOrDefault("VIGIL_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(p)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Chromium is missing in CI: " + p + " (.ci/run installs the Debian package 'chromium')");
            }
            assumeTrue(false, "Chromium not installed: " + p);
        }
        return p;
    }

    static List<String> baseFlags(Path chromium, Path profile) {
        return new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    }

    /** The DOM after the page ran for up to {@code budgetMs} of virtual time. */
    static String dumpDom(Path chromium, Path html, int budgetMs) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vigil-chromium");
        List<String> cmd = baseFlags(chromium, profile);
        cmd.add("--virtual-time-budget=" + budgetMs);
        cmd.add("--dump-dom");
        cmd.add(html.toUri().toString());
        return run(cmd, profile).stdout();
    }

    static void screenshot(Path chromium, Path html, Path png, int width, int height, int budgetMs)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vigil-chromium");
        List<String> cmd = baseFlags(chromium, profile);
        cmd.add("--virtual-time-budget=" + budgetMs);
        cmd.add("--window-size=" + width + "," + height);
        cmd.add("--screenshot=" + png.toAbsolutePath());
        cmd.add(html.toUri().toString());
        run(cmd, profile);
    }

    record Result(String stdout, String stderr) {}

    private static Result run(List<String> cmd, Path profile) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vigil-chromium", ".out");
        Path err = Files.createTempFile("vigil-chromium", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Chromium did not finish in 240 s: " + String.join(" ", cmd));
        }
        Result r = new Result(
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        deleteTree(profile);
        if (p.exitValue() != 0) {
            fail("Chromium exited with " + p.exitValue() + ": " + r.stderr());
        }
        return r;
    }

    /** The attributes of the report's {@code #vigil-status} element in a dumped DOM. */
    static Map<String, String> status(String dom) {
        Matcher m = Pattern.compile("<div id=\"vigil-status\"([^>]*)>([^<]*)<").matcher(dom);
        if (!m.find()) {
            fail("no #vigil-status element in the dumped DOM (" + dom.length() + " chars)");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher a = Pattern.compile("([a-z-]+)=\"([^\"]*)\"").matcher(m.group(1));
        while (a.find()) {
            attrs.put(a.group(1), a.group(2));
        }
        attrs.put("text", m.group(2));
        Matcher e =
                Pattern.compile("<pre id=\"vigil-errors\"[^>]*>([^<]*)</pre>").matcher(dom);
        attrs.put("error-text", e.find() ? e.group(1) : "");
        return attrs;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
