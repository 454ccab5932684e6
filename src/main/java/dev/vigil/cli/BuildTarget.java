package dev.vigil.cli;

import dev.vigil.internal.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark line this jar is built for (the default build: Spark 3.5 / Scala 2.12; {@code -Pspark4}:
 * Spark 4.0 / Scala 2.13; docs/platforms.md), and the check that the session runs on it: the wrong
 * jar on a cluster is one line naming the jar to use, not a {@code NoSuchMethodError} deep in a
 * job.
 */
final class BuildTarget {
    static final String RESOURCE = "/dev/vigil/build-target.properties";

    /** What a build compiled against: Spark's version, Scala's binary version, Vigil's version. */
    record Line(String spark, String scala, String version) {}

    private BuildTarget() {}

    static Line built() {
        try (InputStream in = BuildTarget.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            return new Line(p.getProperty("spark.version"), p.getProperty("scala.binary"), p.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a user error when the session's Spark or Scala is not the one this jar is built for. */
    static SparkSession check(SparkSession spark) {
        String problem = mismatch(built(), spark.version(), scala.util.Properties.versionNumberString());
        if (problem != null) {
            throw new UserException(problem);
        }
        return spark;
    }

    /** Null when {@code built} runs on that Spark and Scala; else what is wrong and the jar to use. */
    static String mismatch(Line built, String runtimeSpark, String runtimeScala) {
        String builtMajor = major(built.spark());
        boolean sparkOk = builtMajor.equals(major(runtimeSpark));
        boolean scalaOk = runtimeScala.equals(built.scala()) || runtimeScala.startsWith(built.scala() + ".");
        if (sparkOk && scalaOk) {
            return null;
        }
        String what = "this Vigil jar is built for Spark " + minor(built.spark()) + " / Scala " + built.scala()
                + " but the session runs Spark " + runtimeSpark + " / Scala " + runtimeScala + "; ";
        String use;
        if (major(runtimeSpark).equals("3") && runtimeScala.startsWith("2.12")) {
            use = "use vigil-" + built.version() + ".jar (the default build)";
        } else if (major(runtimeSpark).equals("4") && runtimeScala.startsWith("2.13")) {
            use = "use vigil-" + built.version() + "-spark4.jar (mvn -Pspark4 package)";
        } else {
            use = "Vigil is built for Spark 3.5 / Scala 2.12 (vigil-" + built.version()
                    + ".jar) and Spark 4.0 / Scala 2.13 (vigil-" + built.version()
                    + "-spark4.jar); pick a runtime with one of these";
        }
        return what + use + " (docs/platforms.md)";
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }
}
