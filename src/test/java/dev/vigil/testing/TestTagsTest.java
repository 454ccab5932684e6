package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast loop ({@code mvn test -Pfast}, which excludes the tags {@code spark} and {@code slow})
 * runs only pure-Java tests, and the default build runs everything. A test class whose code — or
 * the code of any test helper it uses, transitively — starts Spark, the CLI's run path, a child
 * process, a browser or a server must carry {@code @Tag("spark")} (Spark) or {@code @Tag("slow")}
 * (no Spark, but a process, a browser or a server), itself or through its superclass (as {@link
 * SparkTestBase}'s subclasses do). Checked on the source text, comments and strings left out.
 */
class TestTagsTest {
    static final Path TESTS = Path.of("src/test/java");

    /** What makes a test heavy, and why. */
    static final Map<String, Pattern> HEAVY = Map.of(
            "a Spark session", Pattern.compile("\\bSparkSession\\b|\\bSparkTestBase\\b|\\bsession\\(\\)"),
            "the CLI or a monitor run", Pattern.compile("\\bMain\\.execute\\b|\\bMonitorRun\\b(?!\\.Outcome\\b)"),
            "a child JVM", Pattern.compile("\\bChildVigil\\b"),
            "a child process", Pattern.compile("\\bProcessBuilder\\b|Runtime\\.getRuntime\\(\\)\\.exec"),
            "a browser", Pattern.compile("\\bChromium\\b"),
            "a server",
                    Pattern.compile("\\bHttpServer\\b|\\bServerSocket\\b|\\bS3ProxyServer\\b|\\bPrometheusServers\\b"));

    static final Set<String> TAGS = Set.of("spark", "slow");

    record Source(String name, String code) {}

    static String code(String source) {
        return source.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ");
    }

    static Map<String, Source> sources() throws IOException {
        Map<String, Source> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString().replaceAll("\\.java$", "");
                out.put(name, new Source(name, code(Files.readString(f))));
            }
        }
        return out;
    }

    /** Why a source is heavy (its own code or a helper's), or null. */
    static String heavy(String name, Map<String, Source> all, Set<String> seen) {
        Source s = all.get(name);
        for (var e : HEAVY.entrySet()) {
            if (e.getValue().matcher(s.code()).find()) {
                return e.getKey();
            }
        }
        for (String other : all.keySet()) {
            if (!other.equals(name)
                    && !seen.contains(other)
                    && Pattern.compile("\\b" + other + "\\b").matcher(s.code()).find()) {
                seen.add(other);
                String why = heavy(other, all, seen);
                if (why != null) {
                    return why + " (through " + other + ")";
                }
            }
        }
        return null;
    }

    static Set<String> tags(String name, Map<String, String> raw, Map<String, Source> all) {
        Set<String> tags = new TreeSet<>();
        for (String n = name; n != null; ) {
            Matcher m = Pattern.compile("@Tag\\(\"([^\"]*)\"\\)").matcher(raw.get(n));
            while (m.find()) {
                tags.add(m.group(1));
            }
            Matcher ext = Pattern.compile("\\bclass\\s+" + n + "\\b[^{]*?\\bextends\\s+(\\w+)")
                    .matcher(all.get(n).code());
            n = ext.find() && all.containsKey(ext.group(1)) ? ext.group(1) : null;
        }
        return tags;
    }

    static boolean isTestClass(Source s) {
        return Pattern.compile("@(Test|ParameterizedTest|TestFactory|RepeatedTest)\\b")
                        .matcher(s.code())
                        .find()
                && !Pattern.compile("\\babstract\\s+class\\s+" + s.name() + "\\b")
                        .matcher(s.code())
                        .find();
    }

    @Test
    void everyHeavyTestIsTagged() throws IOException {
        Map<String, Source> all = sources();
        Map<String, String> raw = new HashMap<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                raw.put(f.getFileName().toString().replaceAll("\\.java$", ""), Files.readString(f));
            }
        }
        List<String> untagged = new ArrayList<>();
        List<String> unknownTags = new ArrayList<>();
        int heavyCount = 0;
        for (Source s : all.values()) {
            Set<String> tags = tags(s.name(), raw, all);
            for (String t : tags) {
                if (!TAGS.contains(t)) {
                    unknownTags.add(s.name() + ": @Tag(\"" + t + "\")");
                }
            }
            if (!isTestClass(s)) {
                continue;
            }
            String why = heavy(s.name(), all, new HashSet<>(Set.of(s.name())));
            if (why != null) {
                heavyCount++;
                if (tags.stream().noneMatch(TAGS::contains)) {
                    untagged.add(s.name() + " starts " + why + " but has neither @Tag(\"spark\") nor @Tag(\"slow\")");
                }
            }
        }
        assertThat(heavyCount).as("heavy test classes found (the scan works)").isGreaterThan(30);
        assertThat(unknownTags).as("tags other than spark and slow").isEmpty();
        assertThat(untagged).isEmpty();
    }

    @Test
    void theFastProfileExcludesBothTagsAndTheDefaultBuildExcludesNothing() throws IOException {
        String pom = Files.readString(Path.of("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        int profiles = pom.indexOf("<profiles>");
        String build = profiles < 0 ? pom : pom.substring(0, profiles);
        assertThat(build)
                .as("the default build runs every test")
                .doesNotContain("<excludedGroups>")
                .doesNotContain("<groups>");
        Matcher fast =
                Pattern.compile("(?s)<profile>\\s*<id>fast</id>(.*?)</profile>").matcher(pom);
        assertThat(fast.find()).as("a profile 'fast'").isTrue();
        assertThat(fast.group(1)).contains("<excludedGroups>spark,slow</excludedGroups>");
    }
}
