package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@Parameters(
        commandDescription =
                "Check the configuration and the input schemas (columns exist, types fit) without computing anything")
final class ValidateCommand extends ConfigCommand {
    @Parameter(names = "--set", description = "Override a configuration key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Parameter(
            names = "--run-date",
            description = "The date {{run_date}} and its parts resolve to, yyyy-MM-dd (default today, UTC)")
    String runDate;

    @Override
    public int call(PrintStream out) {
        MonitorConfig cfg = load(config, overrides, runDate, null);
        dev.vigil.config.ResolvedColumns cols = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC())
                .prepare(cfg)
                .columns();
        // every calculator builds itself over the resolved columns: its column and setting mistakes
        // show here, before any row is read
        dev.vigil.calculators.Calculators.build(cfg, cols);
        out.printf(
                "configuration OK: monitor %s, %s, %d features (%d continuous %s, %d categorical %s), chunking %s%n",
                cfg.monitor(),
                cfg.problemType().key(),
                cols.features().size(),
                cols.continuous().size(),
                cols.continuous(),
                cols.categorical().size(),
                cols.categorical(),
                cfg.chunking().describe());
        return Main.OK;
    }
}
