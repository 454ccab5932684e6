package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * docs/commands.md "Bad input" cannot go stale: every test its table names ({@code Class.method},
 * the class by a short name from the legend above the table or in full) is a test method of that
 * class, and every row names at least one. Pure Java: the classes are loaded, not initialised.
 */
class BadInputTableDocTest {
    static final Path DOC = Path.of("docs/commands.md");
    static final Path TESTS = Path.of("src/test/java");

    /** The "## Bad input" section up to the next heading. */
    static String section() throws IOException {
        String readme = Files.readString(DOC);
        int start = readme.indexOf("## Bad input");
        assertThat(start).as("docs/commands.md has a \"## Bad input\" section").isNotNegative();
        Matcher next = Pattern.compile("(?m)^#{1,3} ").matcher(readme);
        int end = next.find(start + 1) ? next.start() : readme.length();
        return readme.substring(start, end);
    }

    /** The legend's {@code `Short` = `ClassName`} pairs. */
    static Map<String, String> legend(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("`(\\w+)` = `(\\w+)`").matcher(section);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The test cells: the last column of each table row after the header. */
    static List<String> testCells(String section) {
        List<String> cells = new ArrayList<>();
        boolean header = true;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            if (header) {
                header = !line.startsWith("| ---");
                continue;
            }
            String[] columns = line.split("(?<!\\\\)\\|");
            cells.add(columns[columns.length - 1].trim());
        }
        return cells;
    }

    /** The test class of that simple name under src/test/java, loaded without initialising it. */
    static Class<?> testClass(String simpleName) throws IOException, ClassNotFoundException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(simpleName + ".java"))
                    .toList();
            assertThat(found).as("one test class named %s", simpleName).hasSize(1);
            String name =
                    TESTS.relativize(found.get(0)).toString().replace('/', '.').replaceAll("\\.java$", "");
            return Class.forName(name, false, BadInputTableDocTest.class.getClassLoader());
        }
    }

    static boolean isTest(Class<?> c, String method) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(method)
                        && (m.isAnnotationPresent(Test.class)
                                || m.isAnnotationPresent(ParameterizedTest.class)
                                || m.isAnnotationPresent(TestFactory.class))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyNamedTestExists() throws Exception {
        String section = section();
        Map<String, String> shortNames = legend(section);
        assertThat(shortNames).as("the legend's short class names").isNotEmpty();
        List<String> cells = testCells(section);
        assertThat(cells).as("table rows").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        int named = 0;
        for (String cell : cells) {
            Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
            int inCell = 0;
            while (m.find()) {
                inCell++;
                named++;
                String entry = m.group(1);
                int dot = entry.indexOf('.');
                if (dot < 0) {
                    problems.add("`" + entry + "`: not Class.method");
                    continue;
                }
                String shortName = entry.substring(0, dot);
                String method = entry.substring(dot + 1);
                String className = shortNames.getOrDefault(shortName, shortName);
                try {
                    if (!isTest(testClass(className), method)) {
                        problems.add("`" + entry + "`: " + className + " has no test method " + method);
                    }
                } catch (AssertionError | ClassNotFoundException e) {
                    problems.add("`" + entry + "`: no test class " + className);
                }
            }
            if (inCell == 0) {
                problems.add("a row names no test: " + cell);
            }
        }
        assertThat(named).isGreaterThan(40);
        assertThat(problems)
                .as("docs/commands.md \"Bad input\" names tests that do not exist")
                .isEmpty();
    }

    @Test
    void everyShortNameIsATestClass() throws Exception {
        for (var e : legend(section()).entrySet()) {
            assertThat(testClass(e.getValue())).as(e.getKey()).isNotNull();
        }
    }
}
