package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.internal.UserException;
import dev.vigil.multivariate.MultivariateDriftConfig;
import dev.vigil.performance.DleHyperparameters;
import dev.vigil.performance.EstimatedPerformanceConfig;
import dev.vigil.quality.DataQualityConfig;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure unit tests of {@link ConfigLoader}: no Spark, no files, an injected environment. */
class ConfigLoaderTest {
  private static final String SOURCE = "monitor.yaml";

  /** A minimal valid configuration; tests append sections to it. */
  private static final String BASE =
      """
      monitor: car_loan
      reference: {path: /data/reference.parquet}
      analysis: {path: /data/analysis.parquet}
      """;

  private static final Map<String, String> ENV =
      Map.of(
          "DATA_DIR", "/mnt/data",
          "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0FAKE/B0FAKE/fakeTokenXyz123",
          "CHUNK_SIZE", "5000",
          "S3_SIGNING_SECRET", "envSigningSecret-41f",
          "AWS_SECRET_ACCESS_KEY", "envAwsSecret/9Qx");

  private static MonitorConfig parse(String yaml, String... overrides) {
    return new ConfigLoader(ENV::get).parse(yaml, SOURCE, List.of(overrides));
  }

  /**
   * Asserts that parsing fails with a {@link UserException} whose message contains every fragment.
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> fails(
      String yaml, String... fragments) {
    return failsWith(yaml, List.of(), fragments);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(
      String yaml, List<String> overrides, String... fragments) {
    AbstractThrowableAssert<?, ? extends Throwable> a = failsMultiline(yaml, overrides, fragments);
    // the CLI prints the message as one line (CONTRACT §1, UserException)
    a.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    return a;
  }

  /** Like {@link #failsWith} but without the one-line check (see the disabled YAML tests). */
  private static AbstractThrowableAssert<?, ? extends Throwable> failsMultiline(
      String yaml, List<String> overrides, String... fragments) {
    AbstractThrowableAssert<?, ? extends Throwable> a =
        assertThatThrownBy(() -> new ConfigLoader(ENV::get).parse(yaml, SOURCE, overrides))
            .isInstanceOf(UserException.class);
    for (String f : fragments) {
      a = a.hasMessageContaining(f);
    }
    return a;
  }

  // ---------------------------------------------------------------- defaults

  @Nested
  class Defaults {
    @Test
    void minimalConfigGetsNannyMlDefaults() {
      MonitorConfig c = parse(BASE);
      assertThat(c.monitor()).isEqualTo("car_loan");
      assertThat(c.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
      assertThat(c.chunking()).isEqualTo(ChunkingConfig.defaults());
      assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.NUMBER);
      assertThat(c.chunking().number()).isEqualTo(10);
      assertThat(c.chunking().incomplete()).isEqualTo(ChunkingConfig.Incomplete.KEEP);
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE)).isNotNull();
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).metrics())
          .containsExactly(
              "missing_values",
              "unseen_values",
              "numerical_range",
              "mean",
              "std",
              "median",
              "sum",
              "row_count");
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).columns()).isNull();
      assertThat(c.thresholds()).isEmpty();
      assertThat(c.targets()).isNull();
      assertThat(c.alerts()).isEqualTo(AlertsConfig.none());
      assertThat(c.output().path()).isEqualTo("./vigil-output");
      assertThat(c.columns().features()).isNull();
      assertThat(c.columns().categorical()).isNull();
      assertThat(c.columns().scores()).isEmpty();
      assertThat(c.columns().segments()).isEmpty();
    }

    @Test
    void formatIsGuessedFromTheExtension() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: /data/ref.csv}
          analysis: {path: /data/ana.parquet/}
          """);
      assertThat(c.reference().format()).isEqualTo("csv");
      assertThat(c.analysis().format()).isEqualTo("parquet");
      assertThat(c.reference().key()).isEqualTo("reference");
    }

    @Test
    void explicitFormatIsCaseInsensitiveAndOptionsAreKept() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: /data/ref, format: CSV, options: {sep: ';', header: true}}
          analysis: {table: main.ml.analysis}
          """);
      assertThat(c.reference().format()).isEqualTo("csv");
      assertThat(c.reference().options()).containsEntry("sep", ";").containsEntry("header", "true");
      assertThat(c.analysis().isTable()).isTrue();
      assertThat(c.analysis().table()).isEqualTo("main.ml.analysis");
    }

    @Test
    void dataQualityWithoutBodyMeansAllMetrics() {
      MonitorConfig c = parse(BASE + "calculators: {data_quality: }\n");
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).metrics())
          .isEqualTo(DataQualityConfig.ALL_METRICS);
    }

    @Test
    void dataQualityMetricSubsetAndColumns() {
      MonitorConfig c =
          parse(BASE + "calculators: {data_quality: {metrics: [mean, row_count], columns: [x]}}\n");
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).metrics())
          .containsExactly("mean", "row_count");
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).columns())
          .containsExactly("x");
    }

    @Test
    void targetsJoinOnDefaultsToTheIdColumn() {
      MonitorConfig c =
          parse(
              BASE
                  + """
          targets: {path: /data/targets.parquet}
          columns: {id: id, target: y}
          """);
      assertThat(c.targets().joinOn()).isEqualTo("id");
      assertThat(c.targets().input().key()).isEqualTo("targets");
    }

    @Test
    void periodChunking() {
      MonitorConfig c = parse(BASE + "columns: {timestamp: ts}\nchunking: {period: Month}\n");
      assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.PERIOD);
      assertThat(c.chunking().period()).isEqualTo(ChunkingConfig.PeriodUnit.MONTH);
    }

    @Test
    void sizeChunkingWithDrop() {
      MonitorConfig c = parse(BASE + "chunking: {size: 250, incomplete: drop}\n");
      assertThat(c.chunking())
          .isEqualTo(
              new ChunkingConfig(
                  ChunkingConfig.Kind.SIZE, 250, 0, null, ChunkingConfig.Incomplete.DROP));
    }
  }

  // ---------------------------------------------------------------- ${ENV}

  @Nested
  class EnvironmentSubstitution {
    @Test
    void variablesAreReplacedFromTheInjectedEnvironment() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: "${DATA_DIR}/reference.parquet"}
          analysis: {path: "${DATA_DIR}/a/${DATA_DIR}.parquet"}
          """);
      assertThat(c.reference().path()).isEqualTo("/mnt/data/reference.parquet");
      assertThat(c.analysis().path()).isEqualTo("/mnt/data/a//mnt/data.parquet");
      assertThat(c.resolvedYaml())
          .contains("/mnt/data/reference.parquet")
          .doesNotContain("${DATA_DIR}");
    }

    @Test
    void theSystemEnvironmentIsNotConsulted() {
      // PATH is set in every real environment, but not in the injected one
      fails(
          BASE + "output: {path: \"${PATH}/out\"}\n", "${PATH}", "PATH", "output.path", "not set");
    }

    @Test
    void textWithoutVariablesIsUntouched() {
      MonitorConfig c = parse(BASE + "output: {path: \"$HOME/{x}/$ {y}\"}\n");
      assertThat(c.output().path()).isEqualTo("$HOME/{x}/$ {y}");
    }

    @Test
    void variablesInsideListsAreReplaced() {
      MonitorConfig c = parse(BASE + "columns: {features: [\"${CHUNK_SIZE}\", b]}\n");
      assertThat(c.columns().features()).containsExactly("5000", "b");
    }

    @Test
    void numericValueFromEnvironment() {
      MonitorConfig c = parse(BASE + "chunking: {size: \"${CHUNK_SIZE}\"}\n");
      assertThat(c.chunking().size()).isEqualTo(5000);
    }

    @Test
    void unsetVariableNamesTheVariableAndTheKey() {
      fails(
          """
          monitor: m
          reference: {path: "${MISSING_DATA_ROOT}/reference.parquet"}
          analysis: {path: /data/analysis.parquet}
          """,
          "MISSING_DATA_ROOT",
          "reference.path",
          "not set");
    }

    @Test
    void unsetVariableInAListNamesTheIndex() {
      fails(BASE + "columns: {features: [a, \"${NOPE}\"]}\n", "NOPE", "columns.features[1]");
    }
  }

  // ---------------------------------------------------------------- --set

  @Nested
  class Overrides {
    @Test
    void chunkingSizeOverrideGivesSizeChunking() {
      MonitorConfig c = parse(BASE, "chunking.size=5000");
      assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.SIZE);
      assertThat(c.chunking().size()).isEqualTo(5000);
      assertThat(c.chunking().incomplete()).isEqualTo(ChunkingConfig.Incomplete.KEEP);
      assertThat(c.resolvedYaml()).contains("size: 5000");
    }

    @Test
    void overrideReplacesAnExistingValue() {
      MonitorConfig c = parse(BASE + "chunking: {size: 100}\n", "chunking.size=7", "monitor=other");
      assertThat(c.chunking().size()).isEqualTo(7);
      assertThat(c.monitor()).isEqualTo("other");
    }

    @Test
    void thresholdOverrideKeepsTheDottedKey() {
      MonitorConfig c =
          parse(
              BASE,
              "thresholds.data_quality.mean.type=constant",
              "thresholds.data_quality.mean.upper=5",
              "thresholds.data_quality.mean.lower=null");
      assertThat(c.thresholds()).containsOnlyKeys("data_quality.mean");
      ThresholdConfig t = c.thresholds().get("data_quality.mean");
      assertThat(t.type()).isEqualTo(ThresholdConfig.Type.CONSTANT);
      assertThat(t.upper()).isEqualTo(5.0);
      assertThat(t.lower()).isNull();
    }

    @Test
    void thresholdOverrideMergesWithTheFile() {
      MonitorConfig c =
          parse(
              BASE
                  + """
          thresholds:
            data_quality.std: {type: standard_deviation, std_upper_multiplier: 2}
          """,
              "thresholds.data_quality.std.std_lower_multiplier=null");
      ThresholdConfig t = c.thresholds().get("data_quality.std");
      assertThat(t.type()).isEqualTo(ThresholdConfig.Type.STANDARD_DEVIATION);
      assertThat(t.stdUpperMultiplier()).isEqualTo(2.0);
      assertThat(t.stdLowerMultiplier()).isNull();
    }

    @Test
    void listOverrideIsParsedAsYaml() {
      MonitorConfig c = parse(BASE, "calculators.data_quality.metrics=[mean, std]");
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE).metrics())
          .containsExactly("mean", "std");
    }

    @Test
    void overrideValuesAreSubstituted() {
      MonitorConfig c = parse(BASE, "output.path=${DATA_DIR}/out");
      assertThat(c.output().path()).isEqualTo("/mnt/data/out");
    }

    @Test
    void overrideWithoutEqualsSign() {
      failsWith(BASE, List.of("chunking.size"), "--set 'chunking.size'", "key=value");
    }

    @Test
    void overrideCanIntroduceAnError() {
      failsWith(BASE, List.of("chunking.size=0"), "chunking.size", "positive whole number");
    }

    @Test
    void overrideOfAnUnknownKeyIsStillStrict() {
      failsWith(BASE, List.of("chunking.sise=10"), "chunking.sise", "did you mean 'size'");
    }
  }

  // ---------------------------------------------------------------- secrets

  @Nested
  class Secrets {
    @Test
    void slackUrlIsMaskedInTheResolvedYaml() {
      String token = "https://hooks.slack.com/services/T00000000/B00000000/XXXXfakeSecretXXXX";
      MonitorConfig c = parse(BASE + "alerts: {slack: {url: \"" + token + "\"}}\n");
      assertThat(c.alerts().slackUrl()).isEqualTo(token);
      assertThat(c.resolvedYaml())
          .doesNotContain("XXXXfakeSecretXXXX")
          .doesNotContain("hooks.slack.com")
          .contains("***")
          .contains("car_loan");
    }

    @Test
    void substitutedWebhookUrlIsMaskedToo() {
      MonitorConfig c =
          parse(
              BASE
                  + """
          alerts:
            slack: {url: "${SLACK_WEBHOOK_URL}"}
            webhook: {url: "https://example.com/hook?token=abc123secret"}
          """);
      assertThat(c.alerts().slackUrl()).isEqualTo(ENV.get("SLACK_WEBHOOK_URL"));
      assertThat(c.alerts().webhookUrl()).isEqualTo("https://example.com/hook?token=abc123secret");
      assertThat(c.resolvedYaml()).doesNotContain("fakeTokenXyz123").doesNotContain("abc123secret");
    }

    @Test
    void secretReaderOptionsAreMasked() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: s3a://b/ref.parquet, options: {fs.s3a.secret.key: hunter2, fs.s3a.access.key: AKIAFAKE}}
          analysis: {path: s3a://b/ana.parquet}
          """);
      assertThat(c.reference().options()).containsEntry("fs.s3a.secret.key", "hunter2");
      assertThat(c.resolvedYaml()).doesNotContain("hunter2").doesNotContain("AKIAFAKE");
    }

    @Test
    void secretEnvironmentValuesAreMaskedUnderAnyKey() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: /d/r.parquet, options: {fs.s3a.endpoint: "https://s3.example.com/base/${S3_SIGNING_SECRET}"}}
          analysis: {path: "${DATA_DIR}/a.parquet", options: {fs.s3a.secret.key: "${AWS_SECRET_ACCESS_KEY}"}}
          """);
      assertThat(c.reference().options())
          .containsEntry("fs.s3a.endpoint", "https://s3.example.com/base/envSigningSecret-41f");
      assertThat(c.resolvedYaml())
          .doesNotContain("envSigningSecret-41f")
          .doesNotContain("envAwsSecret/9Qx")
          .contains("https://s3.example.com/base/***")
          // DATA_DIR does not look secret: its value stays readable
          .contains("/mnt/data/a.parquet");
      // and every message printed afterwards masks them too
      assertThat(
              dev.vigil.internal.Secrets.redact(
                  "cannot read 'https://s3.example.com/base/envSigningSecret-41f'"))
          .isEqualTo("cannot read 'https://s3.example.com/base/***'");
    }

    @Test
    void credentialsInPathsAndTokensInQueriesAreMasked() {
      MonitorConfig c =
          parse(
              """
          monitor: m
          reference: {path: "s3a://AKIAFAKEUSER:FakePathSecret@bucket/r.parquet"}
          analysis: {path: "https://data.example.com/a.csv?sv=2022&sig=FakeSasSignature&x=1", format: csv}
          """);
      assertThat(c.resolvedYaml())
          .doesNotContain("AKIAFAKEUSER")
          .doesNotContain("FakePathSecret")
          .doesNotContain("FakeSasSignature")
          .contains("s3a://***@bucket/r.parquet")
          .contains("sig=***&x=1");
    }

    @Test
    void setOverrideOfADottedReaderOptionIsOneOptionAndMasked() {
      MonitorConfig c =
          parse(
              BASE,
              "analysis.options.fs.s3a.secret.key=hunter3-from-set",
              "analysis.options.fs.s3a.endpoint=s3.eu-west-1.amazonaws.com");
      assertThat(c.analysis().options())
          .containsEntry("fs.s3a.secret.key", "hunter3-from-set")
          .containsEntry("fs.s3a.endpoint", "s3.eu-west-1.amazonaws.com");
      assertThat(c.resolvedYaml())
          .doesNotContain("hunter3-from-set")
          .contains("s3.eu-west-1.amazonaws.com");
    }

    @Test
    void aBadSecretOptionValueIsNotPrinted() {
      fails(
              BASE.replace(
                  "analysis: {path: /data/analysis.parquet}",
                  "analysis: {path: /data/analysis.parquet, options: {fs.s3a.secret.key: [leakedPart1, leakedPart2]}}"),
              "analysis.options.fs.s3a.secret.key",
              "***",
              "a plain value")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leakedPart"));
    }

    @Test
    void outputPathWithCredentialsIsRefusedWithoutPrintingThem() {
      fails(
              BASE + "output: {path: \"s3a://AKIAOUT:OutSecret99@bucket/out\"}\n",
              "output.path",
              "s3a://***@bucket/out",
              "without credentials")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain("OutSecret99")
                      .doesNotContain("AKIAOUT"));
    }

    @Test
    void nonHttpUrlErrorDoesNotPrintTheUrl() {
      fails(
              BASE + "alerts: {slack: {url: \"ftp://secret-host/token\"}}\n",
              "alerts.slack.url",
              "http")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-host"));
    }
  }

  // ---------------------------------------------------------------- columns / scores

  @Nested
  class Columns {
    @Test
    void multiclassScoresMapClassLabelToColumn() {
      MonitorConfig c =
          parse(
              BASE
                  + """
          problem_type: multiclass_classification
          columns:
            prediction: y_pred
            scores: {prepaid_card: y_pred_proba_prepaid_card, highstreet_card: y_pred_proba_highstreet_card, "3": p3}
          """);
      assertThat(c.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
      assertThat(c.columns().scores())
          .containsOnly(
              Map.entry("prepaid_card", "y_pred_proba_prepaid_card"),
              Map.entry("highstreet_card", "y_pred_proba_highstreet_card"),
              Map.entry("3", "p3"));
      assertThat(c.columns().roleColumns()).contains("y_pred", "y_pred_proba_prepaid_card", "p3");
    }

    @Test
    void binaryScoreIsStoredUnderTheEmptyLabel() {
      MonitorConfig c =
          parse(BASE + "columns: {scores: y_pred_proba, features: x, segments: [region]}\n");
      assertThat(c.columns().scores()).containsExactly(Map.entry("", "y_pred_proba"));
      assertThat(c.columns().features()).containsExactly("x");
      assertThat(c.columns().segments()).containsExactly("region");
    }

    @Test
    void multiclassWithOneScoreColumn() {
      fails(
          BASE + "problem_type: multiclass_classification\ncolumns: {scores: y_pred_proba}\n",
          "columns.scores",
          "class_label");
    }

    @Test
    void binaryWithAScoreMapping() {
      fails(
          BASE + "columns: {scores: {a: pa, b: pb}}\n", "columns.scores", "binary_classification");
    }

    @Test
    void regressionWithScores() {
      fails(
          BASE + "problem_type: regression\ncolumns: {scores: p}\n",
          "columns.scores",
          "regression");
    }

    @Test
    void unknownProblemType() {
      fails(
          BASE + "problem_type: binary\n",
          "problem_type",
          "'binary' is not known",
          "binary_classification");
    }

    @Test
    void unknownColumnsKey() {
      fails(
          BASE + "columns: {feature: [a]}\n",
          "columns.feature",
          "not known",
          "did you mean 'features'");
    }

    @Test
    void targetsWithoutAnyJoinColumn() {
      fails(BASE + "targets: {path: /t.parquet}\n", "targets.join_on", "missing");
    }
  }

  // ---------------------------------------------------------------- errors

  @Nested
  class ErrorCases {
    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
      fails(
          BASE + "chunkin: {size: 5}\n",
          "configuration key 'chunkin' is not known",
          "did you mean 'chunking'?",
          "valid keys here");
    }

    @Test
    void unknownTopLevelKeyWithoutCloseMatchListsValidKeys() {
      fails(BASE + "zzzzzzzzzz: 1\n", "'zzzzzzzzzz' is not known", "monitor", "chunking")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("did you mean"));
    }

    @Test
    void unknownKeyInsideChunking() {
      fails(BASE + "chunking: {sizes: 5}\n", "chunking.sizes", "not known", "did you mean 'size'?");
    }

    private static final String UNCLOSED_FLOW =
        "monitor: m\nreference: {path: /r.parquet\nanalysis: [\n";
    private static final String BAD_INDENT = "monitor: m\n  reference: x\n bad: [1\n";

    @Test
    void malformedYamlNamesTheFileAndLine() {
      failsMultiline(
          UNCLOSED_FLOW,
          List.of(),
          "configuration file 'monitor.yaml' is not valid YAML at line 3");
      failsMultiline(
          BAD_INDENT,
          List.of(),
          "configuration file 'monitor.yaml' is not valid YAML at line 2",
          "mapping values are not allowed");
    }

    @Test
    void malformedYamlMessageIsOneLine() {
      fails(UNCLOSED_FLOW, "monitor.yaml", "not valid YAML", "line 3");
      fails(BAD_INDENT, "monitor.yaml", "not valid YAML", "line 2");
    }

    @Test
    void emptyFile() {
      fails("", "monitor.yaml", "empty");
    }

    @Test
    void notAMapping() {
      fails("- a\n- b\n", "monitor.yaml", "mapping");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void chunkSizeNotPositive(String size) {
      fails(
          BASE + "chunking: {size: " + size + "}\n",
          "chunking.size",
          "got " + size,
          "positive whole number");
    }

    @Test
    void chunkSizeNotANumber() {
      fails(BASE + "chunking: {size: abc}\n", "chunking.size", "'abc'", "positive whole number");
    }

    @Test
    void chunkSizeFraction() {
      fails(BASE + "chunking: {size: 2.5}\n", "chunking.size", "positive whole number");
    }

    @Test
    void chunkNumberZero() {
      fails(BASE + "chunking: {number: 0}\n", "chunking.number", "positive whole number");
    }

    @Test
    void twoChunkingModesAtOnce() {
      fails(
          BASE + "chunking: {size: 100, number: 4}\n",
          "chunking",
          "only one of 'size', 'number' or 'period'");
    }

    @Test
    void overrideOfTheChunkingModeReplacesTheFilesMode() {
      MonitorConfig c =
          new ConfigLoader(ENV::get)
              .parse(
                  BASE + "columns: {timestamp: ts}\nchunking: {number: 4}\n",
                  "test.yaml",
                  List.of("chunking.period=day"));
      assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.PERIOD);
    }

    @Test
    void periodChunkingWithoutTimestamp() {
      fails(BASE + "chunking: {period: month}\n", "columns.timestamp", "chunking.period needs one");
    }

    @Test
    void unknownPeriodUnit() {
      fails(
          BASE + "chunking: {period: fortnight}\n",
          "chunking.period",
          "'fortnight' is not known",
          "[day, hour, month, quarter, week, year]");
    }

    @Test
    void periodUnitTypoSuggests() {
      fails(BASE + "chunking: {period: mnth}\n", "chunking.period", "did you mean 'month'");
    }

    @Test
    void unknownIncompleteValue() {
      fails(
          BASE + "chunking: {size: 10, incomplete: sometimes}\n",
          "chunking.incomplete",
          "'sometimes' is not known",
          "[append, drop, keep]");
    }

    @Test
    void incompleteWithPeriodChunking() {
      fails(BASE + "chunking: {period: day, incomplete: drop}\n", "chunking.incomplete", "period");
    }

    @Test
    void unknownDataQualityMetricListsTheValidOnes() {
      fails(
          BASE + "calculators: {data_quality: {metrics: [mean, meen]}}\n",
          "calculators.data_quality.metrics",
          "'meen' is not known",
          "did you mean 'mean'",
          "missing_values",
          "unseen_values",
          "numerical_range",
          "median",
          "row_count");
    }

    @Test
    void unknownKeyInDataQuality() {
      fails(
          BASE + "calculators: {data_quality: {metric: [mean]}}\n",
          "calculators.data_quality.metric",
          "did you mean 'metrics'");
    }

    @Test
    void everyContractCalculatorIsAvailable() {
      // every calculator of the contract (CONTRACT.md section 2) is registered
      assertThat(dev.vigil.calculators.Calculators.names())
          .containsExactly(
              "univariate_drift",
              "multivariate_drift",
              "realized_performance",
              "estimated_performance",
              "data_quality");
    }

    /**
     * Score columns keep the file's order (an immutable Map.copyOf would reorder them per JVM, and
     * CBPE hashes them).
     */
    @Test
    void multiclassScoresKeepTheirOrder() {
      MonitorConfig c =
          parse(
              BASE
                  + "problem_type: multiclass_classification\n"
                  + "columns: {scores: {zeta: pz, alpha: pa, mid: pm, beta: pb, omega: po}}\n");
      assertThat(c.columns().scores().keySet())
          .containsExactly("zeta", "alpha", "mid", "beta", "omega");
      assertThat(c.columns().scores().values()).containsExactly("pz", "pa", "pm", "pb", "po");
    }

    @Test
    void alertDeliveryLimits() {
      MonitorConfig c =
          parse(
              BASE + "alerts: {webhook: {url: \"http://h/x\"}, timeout_seconds: 2, attempts: 5}\n");
      assertThat(c.alerts()).isEqualTo(new AlertsConfig("http://h/x", null, 2, 5));
      fails(BASE + "alerts: {webhook: {url: \"http://h/x\"}, attempts: 0}\n", "alerts.attempts");
      fails(BASE + "alerts: {webhook: {url: \"http://h/x\"}, retries: 2}\n", "alerts.retries");
    }

    @Test
    void estimatedPerformanceSettings() {
      String columns = "columns: {prediction: p, scores: s, target: y}\n";
      fails(
          BASE + columns + "calculators: {estimated_performance: {calibration: sometimes}}\n",
          "calculators.estimated_performance.calibration",
          "sometimes");
      fails(
          BASE
              + columns
              + "calculators: {estimated_performance: {normalize_confusion_matrix: rows}}\n",
          "calculators.estimated_performance.normalize_confusion_matrix",
          "rows",
          "pred");
      fails(
          BASE + "columns: {prediction: p, target: y}\ncalculators: {estimated_performance: {}}\n",
          "columns.scores");
      MonitorConfig c =
          parse(
              BASE
                  + columns
                  + "calculators: {estimated_performance: {calibration: never, normalize_confusion_matrix: true}}\n");
      assertThat(
              c.calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE).calibration())
          .isEqualTo(EstimatedPerformanceConfig.Calibration.NEVER);
      assertThat(
              c.calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE)
                  .metrics()
                  .normalizeConfusionMatrix())
          .isEqualTo("true");
    }

    @Test
    void badMultivariateSettings() {
      fails(
          BASE + "calculators: {multivariate_drift: {n_components: 1.5}}\n",
          "calculators.multivariate_drift.n_components",
          "1.5",
          "(0, 1)");
      fails(
          BASE + "calculators: {multivariate_drift: {n_components: 0}}\n",
          "calculators.multivariate_drift.n_components",
          "whole number");
      fails(
          BASE + "calculators: {multivariate_drift: {n_components: five}}\n",
          "calculators.multivariate_drift.n_components",
          "five");
      fails(
          BASE + "calculators: {multivariate_drift: {method: pca}}\n",
          "calculators.multivariate_drift.method",
          "reconstruction_error",
          "domain_classifier");
      fails(
          BASE + "calculators: {multivariate_drift: {n_component: 3}}\n",
          "calculators.multivariate_drift.n_component",
          "did you mean 'n_components'");
      fails(
          BASE + "thresholds: {multivariate_drift.reconstruction: {type: constant, upper: 1}}\n",
          "thresholds.multivariate_drift.reconstruction",
          "reconstruction_error");
    }

    @Test
    void multivariateDriftIsOptInWithNannyMLDefaults() throws Exception {
      MonitorConfig c = parse(BASE + "calculators: {multivariate_drift: null}\n");
      assertThat(c.calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE))
          .isEqualTo(MultivariateDriftConfig.defaults());
      assertThat(c.calculator(dev.vigil.drift.UnivariateDriftType.INSTANCE)).isNull();
      assertThat(parse(BASE).calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE))
          .isNull();
      assertThat(
              parse(
                      BASE
                          + "calculators: {multivariate_drift: {n_components: 3, columns: [a, b]}}\n")
                  .calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE))
          .isEqualTo(new MultivariateDriftConfig("reconstruction_error", List.of("a", "b"), 3.0));
    }

    @Test
    void domainClassifierDefaultsAndSettings() throws Exception {
      MonitorConfig c =
          parse(BASE + "calculators: {multivariate_drift: {method: domain_classifier}}\n");
      assertThat(c.calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE).method())
          .isEqualTo("domain_classifier");
      assertThat(c.calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE).columns())
          .isNull();
      var d =
          c.calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE).domainClassifier();
      assertThat(d).isEqualTo(MultivariateDriftConfig.DomainClassifierConfig.defaults());
      assertThat(d.cvFoldsNum()).isEqualTo(5);
      assertThat(d.maxTrainingRows()).isEqualTo(10_000);
      assertThat(
              parse(BASE + "calculators: {multivariate_drift: null}\n")
                  .calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE)
                  .domainClassifier())
          .isNull();
      MonitorConfig set =
          parse(
              BASE
                  + """
          calculators:
            multivariate_drift: {method: domain_classifier, columns: [a, b], max_training_rows: 500, cv_folds_num: 3,
                                 n_estimators: 7, learning_rate: 0.3, max_depth: 2, min_child_samples: 5, max_bins: 64,
                                 random_state: 1}
          thresholds:
            multivariate_drift.domain_classifier_auroc: {type: constant, lower: 0.4, upper: 0.7}
          """);
      assertThat(set.calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE))
          .isEqualTo(
              new MultivariateDriftConfig(
                  "domain_classifier",
                  List.of("a", "b"),
                  MultivariateDriftConfig.DEFAULT_N_COMPONENTS,
                  new MultivariateDriftConfig.DomainClassifierConfig(500, 3, 7, 0.3, 2, 5, 64, 1)));
      assertThat(set.thresholds().get("multivariate_drift.domain_classifier_auroc").upper())
          .isEqualTo(0.7);
      assertThat(
              parse(
                      BASE + "calculators: {multivariate_drift: {method: domain_classifier}}\n",
                      "calculators.multivariate_drift.max_training_rows=2000")
                  .calculator(dev.vigil.multivariate.MultivariateDriftType.INSTANCE)
                  .domainClassifier()
                  .maxTrainingRows())
          .isEqualTo(2000);
    }

    @Test
    void badDomainClassifierSettings() {
      String dc = BASE + "calculators: {multivariate_drift: {method: domain_classifier, %s}}\n";
      fails(
          dc.formatted("max_trainig_rows: 5"),
          "calculators.multivariate_drift.max_trainig_rows",
          "not known",
          "did you mean 'max_training_rows'");
      fails(
          dc.formatted("max_training_rows: 0"),
          "calculators.multivariate_drift.max_training_rows",
          "positive whole number");
      fails(
          dc.formatted("max_training_rows: many"),
          "calculators.multivariate_drift.max_training_rows",
          "many");
      fails(dc.formatted("cv_folds_num: 1"), "calculators.multivariate_drift.cv_folds_num", ">= 2");
      fails(
          dc.formatted("n_estimators: 0"),
          "calculators.multivariate_drift.n_estimators",
          "positive whole number");
      fails(dc.formatted("max_depth: 31"), "calculators.multivariate_drift.max_depth", "1 to 30");
      fails(
          dc.formatted("learning_rate: 0"),
          "calculators.multivariate_drift.learning_rate",
          "(0, 1]");
      fails(
          dc.formatted("learning_rate: fast"),
          "calculators.multivariate_drift.learning_rate",
          "fast");
      fails(dc.formatted("max_bins: 1"), "calculators.multivariate_drift.max_bins", ">= 2");
      fails(
          dc.formatted("random_state: 1.5"),
          "calculators.multivariate_drift.random_state",
          "whole number");
      fails(
          dc.formatted("n_components: 0.65"),
          "calculators.multivariate_drift.n_components",
          "method: reconstruction_error");
      fails(
          BASE + "calculators: {multivariate_drift: {max_depth: 3}}\n",
          "calculators.multivariate_drift.max_depth",
          "method: domain_classifier");
      fails(
          BASE + "calculators: {multivariate_drift: {method: domain_clasifier}}\n",
          "calculators.multivariate_drift.method",
          "did you mean 'domain_classifier'");
      fails(
          BASE
              + "thresholds: {multivariate_drift.domain_classifier: {type: constant, upper: 0.7}}\n",
          "thresholds.multivariate_drift.domain_classifier",
          "domain_classifier_auroc");
    }

    @Test
    void unknownDriftMethodListsTheValidOnes() {
      fails(
          BASE + "calculators: {univariate_drift: {continuous_methods: [jensen_shanon]}}\n",
          "calculators.univariate_drift.continuous_methods",
          "did you mean 'jensen_shannon'",
          "kolmogorov_smirnov");
      fails(
          BASE + "calculators: {univariate_drift: {categorical_methods: [kolmogorov_smirnov]}}\n",
          "calculators.univariate_drift.categorical_methods",
          "chi2",
          "l_infinity");
    }

    @Test
    void driftDefaultsAreNannyMls() {
      MonitorConfig c = parse(BASE + "calculators: {univariate_drift: {}}\n");
      assertThat(c.calculator(dev.vigil.drift.UnivariateDriftType.INSTANCE).continuousMethods())
          .containsExactly("jensen_shannon");
      assertThat(c.calculator(dev.vigil.drift.UnivariateDriftType.INSTANCE).categoricalMethods())
          .containsExactly("jensen_shannon");
      assertThat(c.calculator(dev.vigil.drift.UnivariateDriftType.INSTANCE).nBins())
          .isEqualTo(10_000);
      assertThat(c.calculator(dev.vigil.quality.DataQualityType.INSTANCE)).isNull();
    }

    @Test
    void unknownCalculator() {
      fails(
          BASE + "calculators: {data_qualty: {}}\n",
          "calculators.data_qualty",
          "not known",
          "did you mean 'data_quality'");
    }

    @Test
    void unknownFormat() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.xlsx, format: xlsx}
          analysis: {path: /data/ana.parquet}
          """,
          "reference.format",
          "'xlsx' is not known",
          "csv",
          "parquet",
          "delta",
          "orc",
          "json");
    }

    @Test
    void formatCannotBeGuessed() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.parquet}
          analysis: {path: /data/analysis}
          """,
          "analysis.format",
          "missing",
          "parquet");
    }

    @Test
    void missingMonitor() {
      fails(
          """
          reference: {path: /data/ref.parquet}
          analysis: {path: /data/ana.parquet}
          """,
          "configuration key 'monitor' is missing",
          "expected");
    }

    @Test
    void blankMonitor() {
      fails(BASE.replace("car_loan", "\"  \""), "monitor", "non-empty");
    }

    @Test
    void missingAnalysis() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.parquet}
          """,
          "configuration key 'analysis' is missing",
          "path",
          "table");
    }

    @Test
    void referenceIsNotAMapping() {
      fails(
          """
          monitor: m
          reference: /data/ref.parquet
          analysis: {path: /data/ana.parquet}
          """,
          "configuration key 'reference'",
          "mapping");
    }

    @Test
    void pathAndTableBothGiven() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.parquet, table: main.ml.ref}
          analysis: {path: /data/ana.parquet}
          """,
          "configuration key 'reference'",
          "exactly one of 'path'",
          "'table'");
    }

    @Test
    void neitherPathNorTable() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.parquet}
          analysis: {format: parquet}
          """,
          "configuration key 'analysis'",
          "exactly one of");
    }

    @Test
    void unknownKeyInInput() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.parquet, optons: {}}
          analysis: {path: /data/ana.parquet}
          """,
          "reference.optons",
          "did you mean 'options'");
    }

    @Test
    void nestedReaderOption() {
      fails(
          """
          monitor: m
          reference: {path: /data/ref.csv, options: {sep: [a]}}
          analysis: {path: /data/ana.parquet}
          """,
          "reference.options.sep",
          "plain value");
    }

    @Test
    void thresholdWithUnknownCalculator() {
      fails(
          BASE + "thresholds:\n  drift.jensen_shannon: {type: constant, upper: 0.1}\n",
          "thresholds.drift.jensen_shannon",
          "<calculator>.<metric>",
          "data_quality");
    }

    @Test
    void thresholdKeyWithoutMetric() {
      fails(
          BASE + "thresholds:\n  data_quality: {type: constant}\n",
          "thresholds.data_quality",
          "<calculator>.<metric>");
    }

    @Test
    void thresholdWithUnknownDataQualityMetric() {
      fails(
          BASE + "thresholds:\n  data_quality.average: {type: constant}\n",
          "thresholds.data_quality.average",
          "'average' is not known",
          "mean");
    }

    @Test
    void thresholdWithoutType() {
      fails(
          BASE + "thresholds:\n  data_quality.mean: {upper: 1}\n",
          "thresholds.data_quality.mean.type",
          "missing",
          "constant or standard_deviation");
    }

    @Test
    void thresholdWithUnknownType() {
      fails(
          BASE + "thresholds:\n  data_quality.mean: {type: fixed}\n",
          "thresholds.data_quality.mean.type",
          "'fixed' is not known",
          "standard_deviation");
    }

    @Test
    void negativeStdMultiplier() {
      fails(
          BASE
              + "thresholds:\n  data_quality.mean: {type: standard_deviation, std_lower_multiplier: -1}\n",
          "thresholds.data_quality.mean",
          "std_",
          "got -1.0",
          ">= 0");
    }

    @Test
    void constantThresholdWithMultiplier() {
      fails(
          BASE + "thresholds:\n  data_quality.mean: {type: constant, std_upper_multiplier: 2}\n",
          "thresholds.data_quality.mean",
          "lower/upper");
    }

    @Test
    void thresholdBoundNotANumber() {
      fails(
          BASE + "thresholds:\n  data_quality.mean: {type: constant, upper: high}\n",
          "thresholds.data_quality.mean.upper",
          "'high'",
          "number");
    }

    @Test
    void outputWithoutPath() {
      fails(BASE + "output: {}\n", "output.path", "missing");
    }

    @Test
    void featuresNotAList() {
      fails(BASE + "columns: {features: {a: 1}}\n", "columns.features", "list");
    }
  }

  // ---------------------------------------------------------------- DLE (estimated performance for
  // regression)

  @Nested
  class DirectLossEstimation {
    private static final String REGRESSION =
        BASE + "problem_type: regression\n" + "columns: {target: y, prediction: p}\n";

    @Test
    void emptyBodyMeansTheSixRegressionMetricsAndVigilsTreeSettings() {
      EstimatedPerformanceConfig e =
          parse(REGRESSION + "calculators: {estimated_performance: {}}\n")
              .calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE);
      assertThat(e.metrics().metrics())
          .containsExactly("mae", "mape", "mse", "rmse", "msle", "rmsle");
      assertThat(e.hyperparameters()).isEqualTo(DleHyperparameters.DEFAULTS);
      assertThat(e.calibration()).isNull();
      assertThat(
              parse(REGRESSION + "calculators: {estimated_performance: null}\n")
                  .calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE))
          .isEqualTo(e);
    }

    @Test
    void metricsAndHyperparameters() {
      EstimatedPerformanceConfig e =
          parse(
                  REGRESSION
                      + """
          calculators:
            estimated_performance:
              metrics: [rmse, mae]
              hyperparameters: {n_estimators: 20, learning_rate: 0.3, max_depth: 4, min_child_samples: 5,
                                max_bin: 128, subsample: 0.8, seed: 7}
          """)
              .calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE);
      assertThat(e.metrics().metrics()).containsExactly("rmse", "mae");
      assertThat(e.hyperparameters()).isEqualTo(new DleHyperparameters(20, 0.3, 4, 5, 128, 0.8, 7));
    }

    @Test
    void hyperparametersOneByOneAndFromSetOverrides() {
      EstimatedPerformanceConfig e =
          parse(
                  REGRESSION + "calculators: {estimated_performance: {}}\n",
                  "calculators.estimated_performance.hyperparameters.n_estimators=10")
              .calculator(dev.vigil.performance.EstimatedPerformanceType.INSTANCE);
      DleHyperparameters d = DleHyperparameters.DEFAULTS;
      assertThat(e.hyperparameters())
          .isEqualTo(
              new DleHyperparameters(
                  10,
                  d.learningRate(),
                  d.maxDepth(),
                  d.minChildSamples(),
                  d.maxBin(),
                  d.subsample(),
                  d.seed()));
    }

    @Test
    void classificationMetricIsRejectedWithTheValidOnes() {
      fails(
          REGRESSION + "calculators: {estimated_performance: {metrics: [mae, roc_auc]}}\n",
          "calculators.estimated_performance.metrics",
          "'roc_auc'",
          "mae",
          "rmsle");
    }

    @Test
    void cbpeKeysAreNotDleKeys() {
      fails(
          REGRESSION + "calculators: {estimated_performance: {calibration: auto}}\n",
          "calculators.estimated_performance.calibration",
          "hyperparameters",
          "metrics");
      fails(
          REGRESSION
              + "calculators: {estimated_performance: {business_value_matrix: [[0, 1], [1, 0]]}}\n",
          "calculators.estimated_performance.business_value_matrix");
    }

    @Test
    void badHyperparameters() {
      String calc = "calculators: {estimated_performance: {hyperparameters: {%s}}}\n";
      fails(
          REGRESSION + calc.formatted("n_estimators: 0"),
          "hyperparameters.n_estimators",
          "positive whole number");
      fails(
          REGRESSION + calc.formatted("learning_rate: 1.5"),
          "hyperparameters.learning_rate",
          "(0, 1]");
      fails(
          REGRESSION + calc.formatted("learning_rate: fast"),
          "hyperparameters.learning_rate",
          "fast");
      fails(
          REGRESSION + calc.formatted("max_depth: -1"),
          "hyperparameters.max_depth",
          "1 to 30",
          "-1");
      fails(REGRESSION + calc.formatted("max_bin: 1"), "hyperparameters.max_bin", "2 to 65536");
      fails(REGRESSION + calc.formatted("subsample: 0"), "hyperparameters.subsample", "(0, 1]");
      fails(REGRESSION + calc.formatted("seed: 1.5"), "hyperparameters.seed", "whole number");
      fails(
          REGRESSION + calc.formatted("num_leaves: 31"),
          "hyperparameters.num_leaves",
          "n_estimators",
          "max_depth");
      fails(
          REGRESSION + "calculators: {estimated_performance: {hyperparameters: 5}}\n",
          "calculators.estimated_performance.hyperparameters",
          "mapping");
    }

    @Test
    void needsTargetAndPrediction() {
      fails(
          BASE
              + "problem_type: regression\ncolumns: {prediction: p}\ncalculators: {estimated_performance: {}}\n",
          "columns.target",
          "estimated_performance");
      fails(
          BASE
              + "problem_type: regression\ncolumns: {target: y}\ncalculators: {estimated_performance: {}}\n",
          "columns.prediction",
          "estimated_performance");
    }

    @Test
    void thresholdOverridesUseTheRegressionMetricNames() {
      MonitorConfig c =
          parse(
              REGRESSION
                  + """
          calculators: {estimated_performance: {metrics: [mae]}}
          thresholds: {estimated_performance.mae: {type: constant, lower: null, upper: 900}}
          """);
      assertThat(c.thresholds()).containsKey("estimated_performance.mae");
    }
  }

  // ---------------------------------------------------------------- production mode

  @Test
  void runDateFillsTemplatedPaths() {
    MonitorConfig c =
        new ConfigLoader(ENV::get, java.time.LocalDate.of(2024, 3, 9))
            .parse(
                """
        monitor: m
        reference: {path: /data/reference.parquet}
        analysis: {path: "/data/analysis/date={{run_date}}/y={{ year }}/m={{month}}/d={{day}}", format: parquet}
        columns: {timestamp: ts}
        chunking: {period: day}
        incremental: true
        """,
                SOURCE,
                List.of());
    assertThat(c.analysis().path()).isEqualTo("/data/analysis/date=2024-03-09/y=2024/m=03/d=09");
    assertThat(c.incremental()).isTrue();
    assertThat(c.runDate()).isEqualTo(java.time.LocalDate.of(2024, 3, 9));
  }

  @Test
  void fitKeyIgnoresTheAnalysisAndOutputButNotTheCalculators() {
    String a = parse(BASE + "output: {path: /out/a}\n").fitKey();
    String b =
        parse(BASE.replace("analysis.parquet", "analysis2.parquet") + "output: {path: /out/b}\n")
            .fitKey();
    String c = parse(BASE + "calculators: {data_quality: {metrics: [mean]}}\n").fitKey();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void productionModeMistakesNameTheKey() {
    fails(
        BASE.replace("/data/analysis.parquet", "\"/data/{{runday}}.parquet\""),
        "analysis.path",
        "{{run_date}}");
    fails(BASE + "incremental: true\n", "'incremental'", "period chunking");
    fails(
        BASE + "columns: {timestamp: ts}\nchunking: {period: day}\nincremental: maybe\n",
        "'incremental'",
        "true or false");
  }
}
