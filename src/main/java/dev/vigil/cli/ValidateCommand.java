package dev.vigil.cli;

import com.beust.jcommander.Parameters;
import dev.vigil.calculators.Calculators;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.pipeline.MonitorRun;
import java.io.PrintStream;
import java.time.Clock;

@Parameters(
        commandDescription =
                "Check the configuration and the input schemas (columns exist, types fit) without computing anything")
final class ValidateCommand extends ConfigCommand {
    @Override
    public int call(PrintStream out) {
        MonitorConfig cfg = load(config, overrides, runDate, null);
        ResolvedColumns cols = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC())
                .prepare(cfg)
                .columns();
        // every calculator builds itself over the resolved columns: its column and setting mistakes
        // show here, before any row is read
        Calculators.build(cfg, cols);
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
