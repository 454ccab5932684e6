package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.OutputConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog variant of sql/views.sql (as packaged): every view created in the tables' schema,
 * every table read by its catalog name, every view it uses qualified, no placeholder left.
 */
class BiViewsTest {
    @Test
    void theViewsFileBecomesStatementsOverTheCatalogTables() {
        OutputConfig output = new OutputConfig(null, "main", "monitoring");
        Map<String, String> views = BiViews.inSchema(BiViews.file(), output);
        assertThat(views.keySet())
                .containsExactly(
                        "vigil_latest_values", "vigil_current_alerts", "vigil_drift_metrics", "vigil_profile_metrics")
                .containsExactlyElementsOf(BiViews.names());
        views.forEach((name, sql) -> {
            assertThat(sql).startsWith("CREATE OR REPLACE VIEW `main`.`monitoring`.`" + name + "` AS");
            assertThat(sql).doesNotContain("${").doesNotContain("delta.`").doesNotContain("--");
        });
        assertThat(views.get("vigil_latest_values")).contains("FROM `main`.`monitoring`.`results` r");
        assertThat(views.get("vigil_drift_metrics")).contains("FROM `main`.`monitoring`.`results`\n");
        assertThat(views.get("vigil_profile_metrics"))
                .contains("FROM `main`.`monitoring`.`results` WHERE")
                .contains("FROM `main`.`monitoring`.`distributions`\n");
        assertThat(views.get("vigil_current_alerts"))
                .contains("FROM `main`.`monitoring`.`vigil_latest_values`\n")
                .doesNotContain(" vigil_latest_values");
    }
}
