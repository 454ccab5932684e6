package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.BuildTarget.Line;
import org.junit.jupiter.api.Test;

/**
 * The jar knows the Spark line it is built for (docs/platforms.md), and a session on another one is
 * one line naming the jar to use. No Spark session needed.
 */
class BuildTargetTest {
    static final Line SPARK35 = new Line("3.5.7", "2.12", "0.1.0");
    static final Line SPARK4 = new Line("4.0.1", "2.13", "0.1.0");

    @Test
    void theBuildRecordsTheSparkAndScalaItCompiledAgainst() {
        Line built = BuildTarget.built();
        // the Spark and Scala on this test classpath are the ones the build compiled against
        assertThat(built.spark()).isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
        assertThat(scala.util.Properties.versionNumberString()).startsWith(built.scala() + ".");
        assertThat(built.version()).isEqualTo("0.1.0").doesNotContain("${");
        assertThat(BuildTarget.mismatch(
                        built,
                        org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                        scala.util.Properties.versionNumberString()))
                .isNull();
    }

    @Test
    void theRightJarOnItsPlatform() {
        assertThat(BuildTarget.mismatch(SPARK35, "3.5.0", "2.12.15")).isNull(); // Databricks 14.3/15.4 LTS
        assertThat(BuildTarget.mismatch(SPARK35, "3.5.1-amzn-0", "2.12.18")).isNull(); // EMR 7
        assertThat(BuildTarget.mismatch(SPARK4, "4.0.0", "2.13.16")).isNull(); // Databricks 17.3 LTS
    }

    @Test
    void theWrongJarNamesTheOneToUse() {
        assertThat(BuildTarget.mismatch(SPARK35, "4.0.0", "2.13.16"))
                .contains(
                        "built for Spark 3.5 / Scala 2.12",
                        "runs Spark 4.0.0 / Scala 2.13.16",
                        "use vigil-0.1.0-spark4.jar",
                        "docs/platforms.md");
        assertThat(BuildTarget.mismatch(SPARK4, "3.5.0", "2.12.15"))
                .contains("built for Spark 4.0 / Scala 2.13", "use vigil-0.1.0.jar (the default build)");
        // Databricks 16.4 LTS's Scala 2.13 image: Spark 3.5 on Scala 2.13, which neither jar is built for
        assertThat(BuildTarget.mismatch(SPARK35, "3.5.2", "2.13.10"))
                .contains("runs Spark 3.5.2 / Scala 2.13.10", "pick a runtime with one of these");
    }
}
