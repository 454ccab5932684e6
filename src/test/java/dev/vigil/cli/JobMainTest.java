package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JobMain}, the Databricks JAR task's entry point: returns on success (a System.exit would
 * end this test JVM), throws with the exit code and the one-line error otherwise (issue 14).
 */
class JobMainTest {
    @TempDir
    Path tmp;

    @Test
    void successReturns() {
        JobMain.main(new String[] {"--help"});
        JobMain.main(new String[] {"run", "--help"});
    }

    @Test
    void aUserErrorThrowsWithItsExitCodeAndMessage() {
        String missing = tmp.resolve("missing.yaml").toString();
        assertThatThrownBy(() -> JobMain.main(new String[] {"validate", "--config", missing}))
                .isInstanceOfSatisfying(
                        JobMain.Failed.class, f -> assertThat(f.exitCode()).isEqualTo(Main.USER_ERROR))
                .hasMessageStartingWith("vigil exited with code 2: vigil: error: ")
                .hasMessageContaining(missing)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> JobMain.main(new String[] {"rn"}))
                .isInstanceOfSatisfying(
                        JobMain.Failed.class, f -> assertThat(f.exitCode()).isEqualTo(Main.USER_ERROR));
    }
}
