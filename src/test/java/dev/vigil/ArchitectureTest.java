package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule (docs/architecture.md): the calculator layer is plain Java. Spark (and Scala)
 * appear only in reading, chunking, scanning, writing, the pipeline, the CLI and the MLlib adapter
 * ({@code dev.vigil.ml}); the calculator layer never imports from those packages either, so it can
 * be built and tested without Spark.
 */
class ArchitectureTest {
    /** Packages that hold statistics, calculators and configuration: no Spark. */
    static final List<String> SPARK_FREE = List.of(
            "calculators",
            "config",
            "drift",
            "multivariate",
            "performance",
            "quality",
            "stats",
            "thresholds",
            "internal");

    /** Packages that may use Spark; the Spark-free layer must not depend on them. */
    static final List<String> SPARK_SIDE = List.of(
            "alerts",
            "bench",
            "chunking",
            "cli",
            "generate",
            "io",
            "ml",
            "pipeline",
            "profile",
            "report",
            "results",
            "scan");

    private static final Path MAIN = Path.of("src/main/java/dev/vigil");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void everyPackageIsOnOneSideOfTheRule() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(p -> !SPARK_FREE.contains(p) && !SPARK_SIDE.contains(p))
                    .forEach(unknown::add);
        }
        assertThat(unknown).as("packages not classified in ArchitectureTest").isEmpty();
    }

    @Test
    void theCalculatorLayerUsesNeitherSparkNorTheSparkSide() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : SPARK_FREE) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        String imported = m.group(1);
                        if (forbidden(imported)) {
                            violations.add(MAIN.relativize(f) + " imports " + imported);
                        }
                    }
                    // fully qualified names in code (not in comments)
                    for (String line : text.split("\n")) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        Matcher q = Pattern.compile("\\b(org\\.apache\\.spark|scala)\\.[\\w.]+")
                                .matcher(code);
                        if (q.find() && !code.startsWith("import")) {
                            violations.add(MAIN.relativize(f) + " uses " + q.group());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static boolean forbidden(String imported) {
        if (imported.startsWith("org.apache.spark.") || imported.startsWith("scala.")) {
            return true;
        }
        for (String side : SPARK_SIDE) {
            if (imported.startsWith("dev.vigil." + side + ".")) {
                return true;
            }
        }
        return false;
    }
}
