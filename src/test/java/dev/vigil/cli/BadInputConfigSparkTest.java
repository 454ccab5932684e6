package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertNoStackTrace;
import static dev.vigil.cli.CliHarness.assertUserError;

import dev.vigil.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bad input (docs/commands.md "Bad input"): configuration mistakes — YAML, unknown calculators,
 * metrics and methods, unset variables, unreadable or missing paths.
 */
class BadInputConfigSparkTest extends BadInputTestBase {
    // ---------------------------------------------------------------- configuration

    @Test
    void yamlThatIsAListNotAMapping() throws IOException {
        Path cfg = configFile("- monitor: m\n- reference: x\n");
        assertUserError(CliHarness.vigil("validate", "--config", cfg.toString()), cfg.toString(), "YAML mapping");
    }

    @Test
    void yamlWithATabIndent() throws IOException {
        Path cfg = configFile("monitor: m\nreference:\n\tpath: /r.parquet\n");
        assertUserError(
                CliHarness.vigil("validate", "--config", cfg.toString()), cfg.toString(), "not valid YAML", "line 2");
    }

    /** columns.slices: a predicate that does not parse, names an unknown column, or is not boolean. */
    @Test
    void badSlicePredicates() throws IOException {
        String base = yaml(ref, ana, "data_quality: {metrics: [mean]}");
        String at = "  target: target\n";
        assertUserError(
                run(edit(base, at, at + "  slices: {big: \"x >\"}\n")),
                "columns.slices.big",
                "slice 'big'",
                "\"x >\"",
                "not a Spark SQL expression");
        assertUserError(
                validate(edit(base, at, at + "  slices: {big: \"nope > 1\"}\n")),
                "columns.slices.big",
                "slice 'big'",
                "nope");
        assertUserError(
                run(edit(base, at, at + "  slices: {big: \"x + 1\"}\n")),
                "columns.slices.big",
                "a boolean Spark SQL expression",
                "is double");
        assertUserError(
                run(edit(base, at, at + "  segments: [[c, \"a,b\"]]\n")), "columns.segments", "'a,b'", "no ','");
    }

    @Test
    void unknownCalculatorListsTheValidOnes() throws IOException {
        assertUserError(
                run(yaml(ref, ana, "univariate_drfit: {}")),
                "calculators.univariate_drfit",
                "did you mean 'univariate_drift'",
                "data_quality",
                "realized_performance");
    }

    @Test
    void unknownMetricListsTheValidOnes() throws IOException {
        assertUserError(
                run(yaml(ref, ana, "realized_performance: {metrics: [roc_aux]}")),
                "calculators.realized_performance.metrics",
                "'roc_aux'",
                "did you mean 'roc_auc'",
                "f1",
                "accuracy");
    }

    @Test
    void thresholdOverrideThatWouldBeIgnored() throws IOException {
        assertUserError(
                run(yaml(ref, ana, "univariate_drift: {categorical_methods: [chi2]}")
                        + "thresholds: {univariate_drift.chi2: {type: constant, upper: 0.1}}\n"),
                "thresholds.univariate_drift.chi2",
                "is refused",
                "calculators.univariate_drift.alpha");
    }

    @Test
    void unknownMethodListsTheValidOnes() throws IOException {
        assertUserError(
                run(yaml(ref, ana, "univariate_drift: {continuous_methods: [kolmogorov]}")),
                "calculators.univariate_drift.continuous_methods",
                "'kolmogorov'",
                "kolmogorov_smirnov",
                "wasserstein");
    }

    @Test
    void unsetEnvironmentVariableInAWebhookUrl() throws IOException {
        String yaml = valid() + "alerts: {webhook: {url: \"${" + UNSET_VAR + "}\"}}\n";
        assertUserError(run(yaml), "alerts.webhook.url", UNSET_VAR, "not set");
    }

    @Test
    void pathThatIsNotParquet() throws IOException {
        Path junk = tmp.resolve("data").resolve("junk.parquet");
        Files.writeString(junk, "this is not a parquet file\n");
        assertUserError(run(edit(valid(), ref, junk.toString())), "reference.path", junk.toString(), "cannot read");
    }

    @Test
    void directoryWithoutDataFiles() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("data").resolve("no_files_here"));
        assertUserError(run(edit(valid(), ana, empty.toString())), "analysis.path", empty.toString());
    }

    @Test
    void missingAnalysisPath() throws IOException {
        String missing = tmp.resolve("data").resolve("nope.parquet").toString();
        Result r = run(edit(valid(), ana, missing));
        assertUserError(r, "analysis.path", missing, "no such file");
        assertNoStackTrace(r);
    }
}
