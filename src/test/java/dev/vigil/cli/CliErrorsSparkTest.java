package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §1 exit code 2 through {@link Main#execute} (see {@link CliErrorsTestBase}): the
 * configuration file, its settings and overrides, and the command line itself.
 */
class CliErrorsSparkTest extends CliErrorsTestBase {
    // ---------------------------------------------------------------- positive

    @Test
    void validConfigValidates() throws IOException {
        Result r = validate(valid());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("configuration OK")
                .contains("monitor cli_errors")
                .contains("2 features (1 continuous [x], 1 categorical [c])")
                .contains("size=50");
    }

    /** A list value in --set stays one override (JCommander would split it on its commas). */
    @Test
    void setOverrideWithAListValue() throws IOException {
        Result r = vigil("validate", "--config", configFile(valid()).toString(), "--set", "columns.features=[c,x]");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 features (1 continuous [x], 1 categorical [c])");
        Result one = vigil("validate", "--config", configFile(valid()).toString(), "--set", "columns.features=[c]");
        assertThat(one.out()).as(one.toString()).contains("1 features (0 continuous [], 1 categorical [c])");
    }

    // ---------------------------------------------------------------- configuration file

    @Test
    void missingConfigFile() {
        String missing = tmp.resolve("configs").resolve("does-not-exist.yaml").toString();
        Result r = vigil("run", "--config", missing, "--output", freshOutput());
        assertUserError(r, "configuration file", missing, "no such file");
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path cfg = configFile("monitor: m\nreference: {path: /r.parquet\nanalysis: [\n");
        Result r = vigil("validate", "--config", cfg.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err())
                .startsWith("vigil: error: configuration file '" + cfg + "' is not valid YAML at line 3")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void malformedYamlIsOneLine() throws IOException {
        Path cfg = configFile("monitor: m\nreference: {path: /r.parquet\nanalysis: [\n");
        assertUserError(vigil("validate", "--config", cfg.toString()), cfg.toString(), "not valid YAML", "line 3");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        Result r = run(edit(valid(), "chunking: {size: 50}", "chunkin: {size: 50}"));
        assertUserError(r, "'chunkin'", "not known", "did you mean 'chunking'");
    }

    @Test
    void keyWithAnExtraWordGetsTheKeyItMeant() throws IOException {
        Result r = run(edit(valid(), "chunking: {size: 50}", "chunking: {chunk_size: 50}"));
        assertUserError(r, "'chunking.chunk_size'", "not known", "did you mean 'size'");
    }

    @Test
    void unsetEnvironmentVariableInPath() throws IOException {
        Result r = run(edit(valid(), "reference: {path: \"" + ref, "reference: {path: \"${" + UNSET_VAR + "}"));
        assertUserError(r, "reference.path", "${" + UNSET_VAR + "}", "not set");
    }

    @Test
    void pathWithoutAHadoopFileSystemNamesTheSchemeAndTheConnector() throws IOException {
        // Hadoop's real "No FileSystem for scheme" failure, as a local run without hadoop-aws meets for s3a://
        Result r = run(edit(valid(), "reference: {path: \"" + ref, "reference: {path: \"vigilnofs://bucket/r"));
        assertUserError(r, "no Hadoop FileSystem for 'vigilnofs://'", "connector for vigilnofs://");
    }

    @Test
    void chunkSizeZero() throws IOException {
        assertUserError(run(edit(valid(), "size: 50", "size: 0")), "chunking.size", "got 0", "positive whole number");
    }

    @Test
    void chunkSizeZeroFromSetOverride() throws IOException {
        assertUserError(run(valid(), "--set", "chunking.size=0"), "chunking.size", "positive whole number");
    }

    @Test
    void setOverrideWithoutValue() throws IOException {
        assertUserError(run(valid(), "--set", "chunking.size"), "--set 'chunking.size'", "key=value");
    }

    @Test
    void unknownDataQualityMetric() throws IOException {
        Result r = run(edit(valid(), "metrics: [mean, row_count", "metrics: [meen, row_count"));
        assertUserError(r, "calculators.data_quality.metrics", "'meen'", "did you mean 'mean'", "missing_values");
    }

    private static String regression() {
        return edit(
                edit(valid(), "problem_type: binary_classification", "problem_type: regression"),
                "scores: y_pred_proba",
                "");
    }

    @Test
    void dleWithAClassificationMetric() throws IOException {
        Result r = run(
                edit(regression(), "calculators:\n", "calculators:\n  estimated_performance: {metrics: [mae, f1]}\n"));
        assertUserError(r, "calculators.estimated_performance.metrics", "'f1'", "mae", "rmse");
    }

    @Test
    void dleWithLightGbmsUnlimitedDepth() throws IOException {
        Result r = run(edit(
                regression(),
                "calculators:\n",
                "calculators:\n  estimated_performance: {hyperparameters: {max_depth: -1}}\n"));
        assertUserError(r, "calculators.estimated_performance.hyperparameters.max_depth", "-1", "1 to 30");
    }

    @Test
    void noCalculatorEnabled() throws IOException {
        Result r = run(edit(valid(), "  data_quality: {metrics: [mean, row_count, missing_values]}\n", "  {}\n"));
        assertUserError(r, "calculators", "data_quality");
    }

    private static String domainClassifier(String settings) {
        return edit(
                valid(),
                "  data_quality: {metrics: [mean, row_count, missing_values]}\n",
                "  multivariate_drift: {method: domain_classifier, " + settings + "}\n");
    }

    @Test
    void domainClassifierUnknownKey() throws IOException {
        assertUserError(
                run(domainClassifier("max_trainig_rows: 100")),
                "calculators.multivariate_drift.max_trainig_rows",
                "not known",
                "did you mean 'max_training_rows'");
    }

    @Test
    void domainClassifierBadValues() throws IOException {
        assertUserError(
                run(domainClassifier("max_training_rows: 0")),
                "calculators.multivariate_drift.max_training_rows",
                "positive whole number");
        assertUserError(
                run(domainClassifier("cv_folds_num: 1")), "calculators.multivariate_drift.cv_folds_num", ">= 2");
        assertUserError(
                run(domainClassifier("n_components: 0.65")),
                "calculators.multivariate_drift.n_components",
                "method: reconstruction_error");
    }

    @Test
    void domainClassifierColumnThatIsNotAFeature() throws IOException {
        assertUserError(
                run(domainClassifier("columns: [x, cc]")),
                "calculators.multivariate_drift.columns",
                "'cc'",
                "did you mean 'c'");
    }

    // ---------------------------------------------------------------- command line

    @Test
    void unknownOptionToRun() throws IOException {
        Result r = run(valid(), "--bogus-option");
        assertUserError(r, "--bogus-option");
    }

    @Test
    void missingRequiredOption() {
        assertUserError(vigil("validate"), "--config");
    }

    @Test
    void unknownCommand() {
        assertUserError(vigil("frobnicate", "--config", "x.yaml"), "frobnicate");
    }

    @Test
    void exportFromDirectoryWithoutDeltaTable() {
        String dir = tmp.resolve("data").toString();
        Result r = vigil(
                "export",
                "--output",
                dir,
                "--format",
                "csv",
                "--to",
                tmp.resolve("x.csv").toString());
        assertUserError(r, dir + "/results", "not a Delta table");
        assertThat(tmp.resolve("x.csv")).doesNotExist();
    }

    @Test
    void exportUnknownTable() {
        Result r = vigil(
                "export",
                "--output",
                tmp.toString(),
                "--table",
                "resultz",
                "--to",
                tmp.resolve("y.csv").toString());
        assertUserError(r, "--table", "'resultz'", "results");
    }

    @Test
    void exportNeedsEitherAnOutputOrAConfiguration() throws IOException {
        String to = tmp.resolve("z.csv").toString();
        assertUserError(vigil("export", "--to", to), "exactly one of --output DIR", "and --config FILE");
        Result both = vigil(
                "export",
                "--output",
                tmp.toString(),
                "--config",
                configFile(valid()).toString(),
                "--to",
                to);
        assertUserError(both, "exactly one of --output DIR", "got both");
        assertUserError(vigil("report", "--to", tmp.resolve("r.html").toString()), "exactly one of --output DIR");
    }

    @Test
    void exportAndReportOfACatalogSchemaWithoutTables() throws IOException {
        Path cfg = configFile(valid() + "output: {schema: cli_no_such_schema}\n");
        assertUserError(
                vigil(
                        "export",
                        "--config",
                        cfg.toString(),
                        "--to",
                        tmp.resolve("c.csv").toString()),
                "cannot read table 'cli_no_such_schema.results': no such table",
                "output.schema");
        assertUserError(
                vigil(
                        "report",
                        "--config",
                        cfg.toString(),
                        "--to",
                        tmp.resolve("c.html").toString()),
                "cli_no_such_schema.results");
        assertUserError(vigil("views", "--config", cfg.toString()), "cli_no_such_schema.results", "no such table");
        assertThat(spark.catalog().databaseExists("cli_no_such_schema")).isFalse();
    }

    @Test
    void viewsNeedCatalogTables() {
        assertUserError(
                vigil("views", "--output", tmp.toString()), "are not catalog tables", "output.schema", "sql/views.sql");
    }
}
