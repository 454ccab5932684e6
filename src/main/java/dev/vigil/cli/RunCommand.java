package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.config.ConfigFailure;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.OutputTables;
import dev.vigil.results.ResultRow;
import dev.vigil.results.SegmentAlerts;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

@Parameters(
        commandDescription =
                "Fit on the reference (or reuse the stored reference profile that matches), compute every configured calculator on reference and analysis chunks, MERGE the results into the Delta tables, print a summary")
final class RunCommand extends MonitorCommand {
    @Parameter(
            names = "--fail-on-alert",
            description = "Exit with code 3 when the run raised alerts on analysis chunks")
    boolean failOnAlert;

    @Override
    public int call(PrintStream out) {
        MonitorConfig cfg;
        try {
            cfg = monitorConfig();
        } catch (ConfigFailure f) {
            // every run is in runs, one whose configuration is wrong too, where its output can be read
            new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC()).recordFailedConfiguration(f);
            throw f;
        }
        MonitorRun.Outcome outcome = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC()).run(cfg, refit);
        printSummary(out, cfg, outcome);
        return failOnAlert && outcome.alerts() > 0 ? Main.ALERTS : Main.OK;
    }

    static void printSummary(PrintStream out, MonitorConfig cfg, MonitorRun.Outcome o) {
        out.printf("monitor %s: run %s%n", cfg.monitor(), o.runId());
        out.printf(
                "  reference: %d rows in %d chunks; analysis: %d rows in %d chunks (%s)%n",
                o.referenceRows(),
                o.referenceChunks(),
                o.analysisRows(),
                o.analysisChunks(),
                cfg.chunking().describe());
        Map<String, Integer> byMetric = new TreeMap<>();
        for (ResultRow r : o.rows()) {
            if (r.alert() && r.period().equals("analysis") && r.segment() == null) {
                byMetric.merge(
                        r.calculator() + "." + r.metric() + (r.columnName() == null ? "" : "[" + r.columnName() + "]"),
                        1,
                        Integer::sum);
            }
        }
        Map<String, Long> bySegment = SegmentAlerts.count(o.rows());
        long onSegments = bySegment.values().stream().mapToLong(Long::longValue).sum();
        out.printf(
                "  %d result rows; %d alerts on analysis chunks: %d on the whole data (below), %d on segments%n",
                o.rows().size(), o.alerts(), o.alerts() - onSegments, onSegments);
        byMetric.forEach((k, n) -> out.printf("    %-50s %d chunk(s)%n", k, n));
        if (!bySegment.isEmpty()) {
            out.println("    segment alerts, most first: " + SegmentAlerts.describe(bySegment));
        }
        out.printf(
                "  results: %s  runs: %s%n",
                cfg.output().describe(OutputTables.RESULTS.name()), cfg.output().describe(OutputTables.RUNS.name()));
    }
}
