package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.ChildVigil;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver heap below what Spark needs is one line naming the settings that size it, exit 2, no
 * stack trace: the real CLI in a JVM of 200 MiB (Spark refuses the session before any work).
 */
@Tag("slow")
class SmallDriverHeapTest {
    @TempDir
    Path dir;

    @Test
    void aTooSmallHeapIsOneLineNamingTheSettings() throws Exception {
        try (ChildVigil child =
                ChildVigil.start("small-heap", Map.of(), List.of("-Xmx200m"), "demo", "--dir", dir.toString())) {
            assertThat(child.waitFor(120)).isEqualTo(2);
            String out = child.output();
            List<String> errors =
                    out.lines().filter(l -> l.startsWith("vigil: ")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0))
                    .startsWith("vigil: error: the driver's heap is ")
                    .contains("less than the 450 MiB Spark needs", "VIGIL_DRIVER_MEMORY", "spark.driver.memory");
            assertThat(out).doesNotContain("\tat org.apache.spark");
        }
    }
}
