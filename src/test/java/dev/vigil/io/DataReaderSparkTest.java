package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.InputSpec;
import dev.vigil.internal.UserException;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input format, file: URIs and catalog tables read the same rows; a missing path or table is
 * named.
 */
class DataReaderSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Dataset<Row> data;

    @BeforeAll
    static void write() {
        data = session().range(0, 50).selectExpr("id", "cast(id * 0.5 as double) as x", "cast(id % 3 as string) as c");
        for (String f : new String[] {"parquet", "orc", "json", "delta"}) {
            data.write().format(f).save(dir.resolve(f).toString());
        }
        data.write().option("header", "true").csv(dir.resolve("csv").toString());
        session().sql("DROP TABLE IF EXISTS vigil_reader_test");
        data.write().format("parquet").saveAsTable("vigil_reader_test");
    }

    static InputSpec path(String p, String format) {
        return new InputSpec("analysis", p, null, format, Map.of());
    }

    @Test
    void everyFormatReadsTheSameRows() {
        DataReader reader = new DataReader(session());
        for (String f : new String[] {"parquet", "orc", "json", "delta", "csv"}) {
            Dataset<Row> df = reader.read(path(dir.resolve(f).toString(), f));
            assertThat(df.count()).as(f).isEqualTo(50);
            assertThat(df.selectExpr("sum(x)").first().getDouble(0)).as(f).isEqualTo(612.5);
        }
        assertThat(reader.read(path("file://" + dir.resolve("parquet"), "parquet"))
                        .count())
                .isEqualTo(50);
        assertThat(reader.read(new InputSpec("reference", null, "vigil_reader_test", null, Map.of()))
                        .count())
                .isEqualTo(50);
    }

    @Test
    void csvInfersNumbersAndKeepsStrings() {
        Dataset<Row> df = new DataReader(session()).read(path(dir.resolve("csv").toString(), "csv"));
        assertThat(df.schema().apply("x").dataType().typeName()).isEqualTo("double");
        assertThat(df.schema().apply("c").dataType().typeName()).isIn("integer", "string");
    }

    @Test
    void missingPathAndTableAreNamed() {
        DataReader reader = new DataReader(session());
        assertThatThrownBy(() -> reader.read(path(dir.resolve("nope").toString(), "parquet")))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("analysis.path")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> reader.read(new InputSpec("reference", null, "no_such_table", null, Map.of())))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("reference.table")
                .hasMessageContaining("no_such_table");
    }
}
