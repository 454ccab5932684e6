package dev.vigil.cli;

import com.beust.jcommander.Parameters;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.profile.ProfileStore;
import java.io.PrintStream;
import java.time.Clock;

@Parameters(
        commandDescription =
                "Fit every configured calculator on the reference and store what it learned as the monitor's next version in the reference_profiles Delta table (nothing to do when a stored profile matches the reference and configuration, unless --refit)")
final class FitCommand extends MonitorCommand {
    @Override
    public int call(PrintStream out) {
        MonitorConfig cfg = monitorConfig();
        MonitorRun run = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC());
        ProfileStore.Stored stored = run.fit(cfg, refit);
        out.printf(
                "monitor %s: reference profile v%d (fingerprint %s): %d reference rows in %d chunks, %d calculators%n",
                cfg.monitor(),
                stored.version(),
                stored.fingerprint().substring(0, 12),
                stored.fit().rows(),
                stored.fit().reference().chunks().size(),
                stored.fit().fitted().size());
        out.printf("  profiles: %s%n", new ProfileStore(Sessions.getOrCreate(), cfg.output()).path());
        return Main.OK;
    }
}
