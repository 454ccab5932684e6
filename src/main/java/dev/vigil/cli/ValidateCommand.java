package dev.vigil.cli;

import com.beust.jcommander.Parameters;
import dev.vigil.calculators.Calculators;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.UserException;
import dev.vigil.pipeline.MonitorRun;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@Parameters(
        commandDescription =
                "Check the configuration and the input schemas (columns exist, types fit) without computing anything")
final class ValidateCommand extends ConfigCommand {
    @Override
    public int call(PrintStream out) {
        MonitorConfig cfg = load(config, overrides, runDate, null);
        ResolvedColumns cols = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC()).validate(cfg);
        // every calculator builds itself over the resolved columns: its column and setting mistakes
        // show here, before any row is read, all of them at once
        List<UserException> mistakes = Calculators.mistakes(cfg, cols);
        if (mistakes.size() == 1) {
            throw mistakes.get(0);
        }
        if (!mistakes.isEmpty()) {
            List<String> numbered = new ArrayList<>();
            for (int i = 0; i < mistakes.size(); i++) {
                numbered.add("(" + (i + 1) + ") " + mistakes.get(i).getMessage());
            }
            throw new UserException(mistakes.size() + " mistakes in the configuration: " + String.join("; ", numbered));
        }
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
