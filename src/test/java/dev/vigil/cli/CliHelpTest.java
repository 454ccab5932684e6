package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil --help} and the help of the commands that read a configuration end with every
 * registered calculator and the names each of its keys accepts (read from the registry).
 */
class CliHelpTest {

    @Test
    void helpListsEveryCalculatorAndEveryName() {
        for (String[] args :
                new String[][] {{"--help"}, {"run", "--help"}, {"validate", "--help"}, {"fit", "-h"}, {"validate", "-h"}
                }) {
            Help h = help(args);
            assertThat(h.code).as(String.join(" ", args)).isZero();
            assertThat(h.out).as(String.join(" ", args)).startsWith("Usage: ");
            assertListsTheCalculators(h.out);
        }
    }

    @Test
    void theUsageTextIsKeptAndTheCalculatorsComeLast() {
        String main = help("--help").out;
        assertThat(main).contains("Usage: vigil", "run", "validate", "export", "generate", "demo");
        assertThat(main.indexOf("Calculators (")).isGreaterThan(main.indexOf("demo"));
        String run = help("run", "--help").out;
        assertThat(run).contains("--config", "--set", "--fail-on-alert");
        assertThat(run.indexOf("Calculators (")).isGreaterThan(run.indexOf("--fail-on-alert"));
        assertThat(help("validate", "--help").out).contains("--config", "--run-date");
    }

    @Test
    void commandsWithoutAConfigurationKeepTheirHelp() {
        assertThat(help("export", "--help").out).doesNotContain("Calculators (");
        assertThat(help("demo", "--help").out).doesNotContain("Calculators (");
    }

    @Test
    void parseOnlyPrintsTheSameHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.parseOnly(
                new String[] {"run", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help("run", "--help").out);
    }

    private static void assertListsTheCalculators(String help) {
        for (CalculatorType<?> type : Calculators.ALL) {
            assertThat(help).contains("  " + type.name());
            for (Map.Entry<String, Collection<String>> e : type.choices().entrySet()) {
                assertThat(help)
                        .as(type.name() + " " + e.getKey())
                        .contains(e.getKey() + ": " + String.join(", ", e.getValue()));
            }
        }
    }

    private record Help(int code, String out) {}

    private static Help help(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // parseOnly prints the same usage for --help as a real command line, and never runs anything
        int code = Main.parseOnly(
                args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return new Help(code, out.toString(StandardCharsets.UTF_8));
    }
}
