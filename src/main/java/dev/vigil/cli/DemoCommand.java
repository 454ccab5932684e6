package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.generate.SyntheticData;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.SparkSession;

@Parameters(
        commandDescription =
                "Generate the demo data if missing, run the bundled example configuration (conf/examples/demo.yaml), write the HTML report, print where everything is")
final class DemoCommand extends CliCommand {
    static final String RESOURCE = "/conf/examples/demo.yaml";

    @Parameter(names = "--dir", description = "Demo directory: data/ and output/ go under it")
    String dir = "vigil-demo";

    @Parameter(
            names = "--rows",
            description = "Analysis rows to generate when the data is missing (reference: the same)")
    long rows = 50_000;

    @Override
    public int call(PrintStream out) throws IOException {
        SparkSession spark = Sessions.getOrCreate();
        Path base = Path.of(dir).toAbsolutePath().normalize();
        Path data = base.resolve("data");
        if (!Files.isDirectory(data.resolve("reference")) || !Files.isDirectory(data.resolve("analysis"))) {
            out.printf("generating demo data (%d reference + %d analysis rows) in %s%n", rows, rows, data);
            SyntheticData.write(spark, data.toString(), new SyntheticData.Options(rows, rows, 8, 7, 0.5, "parquet"));
        } else {
            out.printf("using the demo data in %s%n", data);
        }
        String yaml;
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MonitorConfig cfg = ConfigLoader.withSystemEnv()
                .parse(
                        yaml,
                        "demo.yaml",
                        List.of(
                                "reference.path=" + data.resolve("reference"),
                                "analysis.path=" + data.resolve("analysis"),
                                "targets.path=" + data.resolve("analysis_targets"),
                                "output.path=" + base.resolve("output")));
        MonitorRun.Outcome outcome = new MonitorRun(spark, Clock.systemUTC()).run(cfg);
        RunCommand.printSummary(out, cfg, outcome);
        out.printf(
                "%nexport the results:  scripts/vigil export --output %s --to %s%n",
                base.resolve("output"), base.resolve("results.csv"));
        out.printf(
                "query them with Spark SQL:  SELECT * FROM delta.`%s` WHERE alert%n", base.resolve("output/results"));
        Report.Summary report = Report.write(
                spark,
                base.resolve("output").toString(),
                base.resolve("report.html").toString(),
                null);
        out.printf("the HTML report (%d charts, open it in a browser):  %s%n", report.charts(), report.file());
        return Main.OK;
    }
}
