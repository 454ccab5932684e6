package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code output} section: path tables, catalog tables (schema, optional catalog, optional path
 * for external tables), the names SQL gets, and the mistakes, each naming its key.
 */
class ConfigOutputTest {
    @Test
    void aPathGivesPathTables() {
        OutputConfig o = parse(BASE + "output: {path: /data/out/}\n").output();
        assertThat(o.inCatalog()).isFalse();
        assertThat(o.directory()).isEqualTo("/data/out");
        assertThat(o.tablePath("results")).isEqualTo("/data/out/results");
        assertThat(o.describe("results")).isEqualTo("/data/out/results");
        assertThat(parse(BASE).output()).isEqualTo(OutputConfig.at("./vigil-output"));
    }

    @Test
    void aSchemaAloneGivesManagedTables() {
        OutputConfig o = parse(BASE + "output: {schema: monitoring}\n").output();
        assertThat(o.inCatalog()).isTrue();
        assertThat(o.path()).isNull();
        assertThat(o.tablePath("results")).isNull();
        assertThat(o.sqlName("results")).isEqualTo("`monitoring`.`results`");
        assertThat(o.describe("results")).isEqualTo("monitoring.results");
        assertThat(o.describe()).isEqualTo("schema monitoring");
    }

    @Test
    void aCatalogSchemaAndPathGiveExternalTablesInUnityCatalog() {
        OutputConfig o = parse(BASE + "output: {catalog: main, schema: ml-monitoring, path: s3://bucket/vigil}\n")
                .output();
        assertThat(o.sqlSchema()).isEqualTo("`main`.`ml-monitoring`");
        assertThat(o.sqlName("runs")).isEqualTo("`main`.`ml-monitoring`.`runs`");
        assertThat(o.tablePath("runs")).isEqualTo("s3://bucket/vigil/runs");
        assertThat(o.describe("runs")).isEqualTo("main.ml-monitoring.runs");
        assertThat(o.describe()).isEqualTo("schema main.ml-monitoring (data under s3://bucket/vigil)");
    }

    @Test
    void neitherPathNorSchema() {
        fails(BASE + "output: {}\n", "configuration key 'output.path' is missing", "or output.schema");
    }

    @Test
    void aCatalogWithoutASchema() {
        fails(BASE + "output: {catalog: main, path: /x}\n", "configuration key 'output.schema' is missing");
    }

    @Test
    void aDottedSchemaPointsToTheCatalogKey() {
        fails(
                BASE + "output: {schema: main.monitoring}\n",
                "configuration key 'output.schema': got 'main.monitoring'",
                "give the catalog as output.catalog");
    }

    @Test
    void invalidNames() {
        fails(BASE + "output: {schema: 'my schema'}\n", "'output.schema': got 'my schema'", "letters, digits, _ or -");
        fails(BASE + "output: {schema: 'a`b'}\n", "'output.schema'", "letters, digits");
        fails(BASE + "output: {schema: m, catalog: '-x'}\n", "'output.catalog': got '-x'", "not starting with -");
        fails(BASE + "output: {schema: [a, b]}\n", "'output.schema'", "a single value");
        fails(BASE + "output: {schema: ''}\n", "'output.schema'", "a non-empty value");
        fails(BASE + "output: {schema: m, table: x}\n", "'output.table' is not known");
    }

    @Test
    void credentialsInTheExternalPathAreRefused() {
        fails(
                        BASE + "output: {schema: m, path: 's3a://AKIA:secret@bucket/out'}\n",
                        "output.path",
                        "without credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret@"));
    }

    /** --output sets output.path: with a schema, the external tables' location; the schema stays. */
    @Test
    void theOutputOptionSetsThePathAndKeepsTheSchema() {
        OutputConfig o = new ConfigLoader(k -> null)
                .withOutputPath("/given")
                .parse(BASE + "output: {schema: monitoring}\n", "t", List.of())
                .output();
        assertThat(o).isEqualTo(new OutputConfig("/given", null, "monitoring"));
        assertThat(parse(BASE + "output: {path: /x}\n", "output.schema=monitoring")
                        .output())
                .isEqualTo(new OutputConfig("/x", null, "monitoring"));
    }
}
