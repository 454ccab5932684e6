package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.ChildVigil;
import dev.vigil.testing.StandaloneCluster;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under spark-submit, with the cluster's logging (Spark's defaults here) and a jar that ships no
 * logging configuration, Vigil's progress lines still reach the driver log at INFO, and Spark's own
 * INFO lines stay off (issue 14: before, none of Vigil's lines appeared).
 */
@Tag("slow")
class SparkSubmitLogTest {
    @TempDir
    Path tmp;

    @Test
    void vigilLogsAtInfoUnderSparkSubmitWhileSparkStaysAtWarn() throws Exception {
        // the classes this test run loaded Main from: target/classes, or target/spark4/classes with -Pspark4
        Path classes = Path.of(
                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = StandaloneCluster.applicationJar(classes, tmp.resolve("vigil-app.jar"));
        // Spark's jars only: no Vigil classes, no log4j2-test.properties, no Vigil log4j2.properties
        String sparkClasspath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("classes") && !e.endsWith("classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
        try (ChildVigil submit = ChildVigil.startMain(
                "spark-submit",
                Map.of(),
                List.of(),
                sparkClasspath,
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[1]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--class",
                "dev.vigil.cli.Main",
                jar.toString(),
                "demo",
                "--dir",
                tmp.resolve("demo").toString(),
                "--rows",
                "2000")) {
            int code = submit.waitFor(600);
            String log = submit.output();
            assertThat(code).as(log).isZero();
            assertThat(log).as("Vigil's progress at INFO").containsPattern("\\bINFO Chunker: reference: ");
            // Spark logs its start at INFO (before Vigil's session sets WARN); from Vigil's first line on,
            // while the jobs run, Spark's INFO lines stay off
            String afterStart = log.substring(log.indexOf("INFO Chunker: "));
            assertThat(afterStart)
                    .as("Spark's own INFO lines while jobs run")
                    .doesNotContainPattern("\\bINFO (DAGScheduler|TaskSetManager|Executor|SparkContext): ");
        }
    }
}
