package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.profile.ProfileStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@Parameters(commandDescription = "Fit every configured calculator on the reference and store what it learned as the monitor's next version in the reference_profiles Delta table (nothing to do when a stored profile matches the reference and configuration, unless --refit)")
final class FitCommand extends CliCommand {
  @Parameter(names = "--config", required = true, description = "The monitor's YAML configuration file")
  String config;

  @Parameter(names = "--output", description = "Output directory for the Delta tables (overrides output.path)")
  String output;

  @Parameter(names = "--set", description = "Override a configuration key (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Parameter(names = "--run-date", description = "The date {{run_date}} and its parts resolve to, yyyy-MM-dd (default today, UTC)")
  String runDate;

  @Parameter(names = "--refit", description = "Fit again and store a new version even when a stored profile matches")
  boolean refit;

  @Override
  public int call(PrintStream out) {
    MonitorConfig cfg = load(config, overrides, runDate, output);
    MonitorRun run = new MonitorRun(Sessions.getOrCreate(), Clock.systemUTC());
    ProfileStore.Stored stored = run.fit(cfg, refit);
    out.printf("monitor %s: reference profile v%d (fingerprint %s): %d reference rows in %d chunks, %d calculators%n",
        cfg.monitor(), stored.version(), stored.fingerprint().substring(0, 12), stored.fit().rows(),
        stored.fit().reference().chunks().size(), stored.fit().fitted().size());
    out.printf("  profiles: %s%n", new ProfileStore(Sessions.getOrCreate(), cfg.output().path()).path());
    return Main.OK;
  }
}
