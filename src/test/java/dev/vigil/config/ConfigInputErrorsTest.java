package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;

import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader} errors: unknown calculators and formats, the monitor, inputs, thresholds,
 * output and features sections.
 */
class ConfigInputErrorsTest {
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
        fails("""
        monitor: m
        reference: {path: /data/ref.xlsx, format: xlsx}
        analysis: {path: /data/ana.parquet}
        """, "reference.format", "'xlsx' is not known", "csv", "parquet", "delta", "orc", "json");
    }

    @Test
    void formatCannotBeGuessed() {
        fails("""
        monitor: m
        reference: {path: /data/ref.parquet}
        analysis: {path: /data/analysis}
        """, "analysis.format", "missing", "parquet");
    }

    @Test
    void missingMonitor() {
        fails("""
        reference: {path: /data/ref.parquet}
        analysis: {path: /data/ana.parquet}
        """, "configuration key 'monitor' is missing", "expected");
    }

    @Test
    void blankMonitor() {
        fails(BASE.replace("car_loan", "\"  \""), "monitor", "non-empty");
    }

    @Test
    void missingAnalysis() {
        fails("""
        monitor: m
        reference: {path: /data/ref.parquet}
        """, "configuration key 'analysis' is missing", "path", "table");
    }

    @Test
    void referenceIsNotAMapping() {
        fails("""
        monitor: m
        reference: /data/ref.parquet
        analysis: {path: /data/ana.parquet}
        """, "configuration key 'reference'", "mapping");
    }

    @Test
    void pathAndTableBothGiven() {
        fails("""
        monitor: m
        reference: {path: /data/ref.parquet, table: main.ml.ref}
        analysis: {path: /data/ana.parquet}
        """, "configuration key 'reference'", "exactly one of 'path'", "'table'");
    }

    @Test
    void neitherPathNorTable() {
        fails("""
        monitor: m
        reference: {path: /data/ref.parquet}
        analysis: {format: parquet}
        """, "configuration key 'analysis'", "exactly one of");
    }

    @Test
    void unknownKeyInInput() {
        fails("""
        monitor: m
        reference: {path: /data/ref.parquet, optons: {}}
        analysis: {path: /data/ana.parquet}
        """, "reference.optons", "did you mean 'options'");
    }

    @Test
    void nestedReaderOption() {
        fails("""
        monitor: m
        reference: {path: /data/ref.csv, options: {sep: [a]}}
        analysis: {path: /data/ana.parquet}
        """, "reference.options.sep", "plain value");
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
                BASE + "thresholds:\n  data_quality.mean: {type: standard_deviation, std_lower_multiplier: -1}\n",
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
