package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real processes: every script under scripts/ answers --help with exit 0 and a usage line without
 * building or running anything (scripts/vigil hands --help to the CLI, checked in-process), and
 * {@code terraform fmt -check -recursive terraform/} passes when terraform is on the PATH (skipped,
 * saying so, when it is not).
 */
@Tag("slow") // child processes: every script, and terraform
class ScriptsAndTerraformTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));

    record Result(int code, String out) {}

    static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void everyScriptHasHelp() throws Exception {
        List<Path> scripts = new ArrayList<>();
        try (var s = Files.list(ROOT.resolve("scripts"))) {
            // commands (files: scripts/parity is a folder of configurations); lib.sh is sourced by
            // them, not run
            s.filter(p -> Files.isRegularFile(p)
                            && Files.isExecutable(p)
                            && !p.toString().endsWith(".sh"))
                    .sorted()
                    .forEach(scripts::add);
        }
        assertThat(scripts).extracting(p -> p.getFileName().toString()).contains("vigil", "bench", "demo");
        for (Path script : scripts) {
            String name = script.getFileName().toString();
            if (name.equals("vigil")) {
                continue; // builds first; its --help is the CLI's, below
            }
            for (String flag : List.of("--help", "-h")) {
                Result r = run(List.of("bash", script.toString(), flag));
                assertThat(r.code).as(name + " " + flag + ": " + r.out).isZero();
                assertThat(r.out)
                        .as(name + " " + flag)
                        .contains("scripts/" + name)
                        .doesNotContain("building Vigil");
            }
        }
        // scripts/vigil --help is Main's usage: every command
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {"--help"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: vigil", "run", "validate", "export", "generate", "demo");
        // scripts/demo is a thin wrapper of `scripts/vigil demo`
        assertThat(Files.readString(ROOT.resolve("scripts/demo"))).contains("/vigil\" demo \"$@\"");
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void terraformIsFormatted() throws Exception {
        Assumptions.assumeTrue(
                onPath("terraform"),
                "terraform is not on the PATH: `terraform fmt -check -recursive terraform/` not run");
        Result r = run(List.of("terraform", "fmt", "-check", "-recursive", "-diff", "terraform/"));
        assertThat(r.code)
                .as("terraform fmt -check -recursive terraform/ (run `terraform fmt -recursive terraform/`):\n" + r.out)
                .isZero();
        // it does check: the modules and examples are there
        try (var s = Files.walk(ROOT.resolve("terraform"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".tf")).count()).isGreaterThanOrEqualTo(8);
        }
    }
}
