package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every mergeable state in src/main has a merge-law test: a class {@code <StateName>LawTest} in the
 * state's package extending {@link MergeLawContract}. The states are found twice: in the source
 * text (every class, record or enum whose {@code extends}/{@code implements} clauses reach {@link
 * ColumnState} or {@link RowState}, through any chain of interfaces or abstract classes, however
 * the declaration is wrapped), and among the compiled classes (every concrete class assignable to
 * {@link ColumnState}, anonymous and nested ones included); both lists must agree, so neither scan
 * can silently miss a state.
 */
class MergeLawCoverageTest {
    static final Path SOURCES = Path.of("src/main/java");

    /** A type declaration: kind, name, optional type parameters and record header, its clauses. */
    static final Pattern DECLARATION =
            Pattern.compile("\\b(class|interface|record|enum)\\s+([A-Z]\\w*)\\s*(<(?:[^<>{]|<[^<>{]*>)*>)?\\s*"
                    + "(\\([^)]*\\))?\\s*((?:extends|implements|permits)\\b[^{;]*)?\\{");

    record Declared(String qualifiedName, String kind, boolean isAbstract, Set<String> supertypes) {}

    /** Block and line comments, string and text-block literals removed (they may contain "class"). */
    static String code(String source) {
        return source.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ");
    }

    static List<Declared> declarations(Path file) throws IOException {
        String code = code(Files.readString(file));
        Matcher pkg = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;").matcher(code);
        String prefix = pkg.find() ? pkg.group(1) + "." : "";
        List<Declared> out = new ArrayList<>();
        Matcher m = DECLARATION.matcher(code);
        while (m.find()) {
            String before = code.substring(Math.max(0, m.start() - 80), m.start());
            boolean isAbstract = before.matches("(?s).*\\babstract\\s+(?:\\w+\\s+)*$");
            Set<String> supers = new TreeSet<>();
            if (m.group(5) != null) {
                String clauses = m.group(5).replaceAll("\\bpermits\\b[^{]*", " ");
                // drop type arguments, then take each supertype's simple name
                String plain = clauses;
                for (String prev = null; !plain.equals(prev); ) {
                    prev = plain;
                    plain = plain.replaceAll("<[^<>]*>", "");
                }
                for (String t :
                        plain.replaceAll("\\b(extends|implements)\\b", ",").split(",")) {
                    String name = t.trim();
                    if (!name.isEmpty()) {
                        supers.add(name.substring(name.lastIndexOf('.') + 1));
                    }
                }
            }
            out.add(new Declared(prefix + m.group(2), m.group(1), isAbstract, supers));
        }
        return out;
    }

    /** Concrete state classes in the source text, as package.SimpleName (nested ones too). */
    static Set<String> statesInSources() throws IOException {
        Map<String, Declared> bySimpleName = new HashMap<>();
        List<Declared> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (Declared d : declarations(f)) {
                    all.add(d);
                    bySimpleName.put(simple(d.qualifiedName()), d);
                }
            }
        }
        Set<String> states = new TreeSet<>();
        for (Declared d : all) {
            boolean concrete = !d.kind().equals("interface") && !d.isAbstract();
            if (concrete && reachesState(d, bySimpleName, new TreeSet<>())) {
                states.add(d.qualifiedName());
            }
        }
        return states;
    }

    static boolean reachesState(Declared d, Map<String, Declared> types, Set<String> seen) {
        for (String s : d.supertypes()) {
            if (s.equals("ColumnState") || s.equals("RowState")) {
                return true;
            }
            Declared parent = types.get(s);
            if (parent != null && seen.add(s) && reachesState(parent, types, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Concrete classes assignable to ColumnState among the compiled main classes. */
    static Set<String> statesInClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(ColumnState.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> states = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String binary =
                        classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(binary, false, ColumnState.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (ColumnState.class.isAssignableFrom(c)
                        && !c.isInterface()
                        && !Modifier.isAbstract(c.getModifiers())) {
                    // package and simple name, as the source scan names them (anonymous: the binary name)
                    states.add(c.isAnonymousClass() ? binary : c.getPackageName() + "." + c.getSimpleName());
                }
            }
        }
        return states;
    }

    static String simple(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    static String lawTestName(String state) {
        int dot = state.lastIndexOf('.');
        return state.substring(0, dot + 1) + simple(state) + "LawTest";
    }

    @Test
    void everyStateHasALawTest() throws Exception {
        Set<String> fromSources = statesInSources();
        Set<String> fromClasses = statesInClasses();
        assertThat(fromSources)
                .as("states in the source text vs the compiled classes (a declaration the scan missed?)")
                .isEqualTo(fromClasses);
        // the scan does find them: the ones known when this test was written
        assertThat(fromSources)
                .contains(
                        "dev.vigil.stats.Moments",
                        "dev.vigil.stats.Quantiles",
                        "dev.vigil.performance.MulticlassExpected",
                        "dev.vigil.multivariate.CoMoments");
        List<String> missing = new ArrayList<>();
        for (String state : fromSources) {
            String law = lawTestName(state);
            try {
                Class<?> test = Class.forName(law);
                if (!MergeLawContract.class.isAssignableFrom(test)) {
                    missing.add(state + ": " + law + " does not extend MergeLawContract");
                }
            } catch (ClassNotFoundException e) {
                missing.add(state + ": no " + law);
            }
        }
        assertThat(missing).as("states without a merge-law test").isEmpty();
    }

    @Test
    void everyLawTestNamesAState() throws Exception {
        Set<String> states = statesInSources();
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith("LawTest.java")).toList()) {
                String name = Path.of("src/test/java").relativize(f).toString().replace('/', '.');
                String state = name.replaceAll("LawTest\\.java$", "");
                if (!states.contains(state)) {
                    stale.add(name + " (no state " + state + " in src/main)");
                }
            }
        }
        assertThat(stale).as("law tests of no state").isEmpty();
    }

    @Test
    void theSourceScanSeesThroughWrappedAndIndirectDeclarations() throws IOException {
        Path dir = Files.createTempDirectory("law-scan");
        Path file = dir.resolve("X.java");
        Files.writeString(file, """
        package p;
        // class Commented implements ColumnState {
        abstract class Base<T extends Number>
            implements Serializable,
                ColumnState {}
        final class Child extends Base<Integer> {}
        interface Rows extends RowState {}
        record R(int a) implements Rows {}
        class Plain implements Comparable<Plain> {}
        """);
        Map<String, Declared> types = new HashMap<>();
        List<Declared> ds = declarations(file);
        ds.forEach(d -> types.put(simple(d.qualifiedName()), d));
        List<String> states = new ArrayList<>();
        for (Declared d : ds) {
            if (!d.kind().equals("interface") && !d.isAbstract() && reachesState(d, types, new TreeSet<>())) {
                states.add(d.qualifiedName());
            }
        }
        assertThat(states).containsExactly("p.Child", "p.R");
        Files.delete(file);
        Files.delete(dir);
    }
}
