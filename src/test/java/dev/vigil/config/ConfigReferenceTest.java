package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what the key declarations render ({@link ConfigReference}); with {@code
 * -Dvigil.docs.regenerate=true} this test rewrites it first.
 */
class ConfigReferenceTest {
    private static final Path DOC = Path.of("docs/configuration.md");

    @Test
    void theReferenceInDocsIsCurrent() throws IOException {
        String rendered = ConfigReference.render();
        if (Boolean.getBoolean("vigil.docs.regenerate")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        String stored = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!stored.equals(rendered)) {
            fail(DOC
                    + " is not what the configuration keys' declarations render ("
                    + firstDifference(stored, rendered)
                    + "); regenerate it with: "
                    + ConfigReference.REGENERATE);
        }
        assertThat(stored).startsWith("# Configuration reference").contains(ConfigReference.REGENERATE);
    }

    @Test
    void everySectionAndKeyIsInTheReference() {
        String md = ConfigReference.render();
        List<String> paths =
                ConfigReference.sections().stream().map(Schema::path).toList();
        assertThat(paths)
                .doesNotHaveDuplicates()
                .contains(
                        "",
                        "reference",
                        "analysis",
                        "targets",
                        "columns",
                        "chunking",
                        "calculators",
                        "thresholds.<calculator>.<metric>",
                        "output",
                        "alerts",
                        "alerts.webhook",
                        "alerts.slack",
                        "calculators.estimated_performance.hyperparameters");
        for (CalculatorType<?> type : Calculators.ALL) {
            assertThat(paths).contains(type.schema().path());
            for (Collection<String> names : type.choices().values()) {
                names.forEach(n -> assertThat(md).contains("`" + n + "`"));
            }
        }
        for (Schema s : ConfigReference.sections()) {
            for (Key<?> k : s.keys()) {
                assertThat(md).as(s.path() + " " + k.name()).contains("| `" + k.name() + "` |");
            }
        }
    }

    @Test
    void aNestedSectionFollowsItsParent() {
        List<String> paths =
                ConfigReference.sections().stream().map(Schema::path).toList();
        int parent = paths.indexOf("calculators.estimated_performance");
        assertThat(paths.get(parent + 1)).isEqualTo("calculators.estimated_performance.hyperparameters");
        assertThat(paths.subList(paths.indexOf("alerts"), paths.size()))
                .containsExactly("alerts", "alerts.webhook", "alerts.slack", "alerts.mute", "prometheus");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(ConfigReference.anchor("`calculators.univariate_drift`")).isEqualTo("calculatorsunivariate_drift");
        assertThat(ConfigReference.anchor("Top level")).isEqualTo("top-level");
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end of file>";
            String r = i < y.length ? y[i] : "<end of file>";
            if (!l.equals(r)) {
                return "line " + (i + 1) + " is '" + l + "', the declarations give '" + r + "'";
            }
        }
        return "they differ";
    }
}
