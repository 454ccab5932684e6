package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.generate.SyntheticData;
import dev.vigil.internal.UserException;
import java.io.PrintStream;

@Parameters(
        commandDescription =
                "Write a synthetic reference + analysis (+ targets) dataset of a binary classifier with known, injected drift")
final class GenerateCommand extends CliCommand {
    @Parameter(names = "--rows", description = "Analysis rows")
    long rows = 100_000;

    @Parameter(names = "--reference-rows", description = "Reference rows (default: same as --rows)")
    Long referenceRows;

    @Parameter(names = "--features", description = "Number of features (about 3/4 continuous, 1/4 categorical)")
    int features = 8;

    @Parameter(
            names = "--out",
            required = true,
            description = "Output directory (reference/, analysis/, analysis_targets/)")
    String out;

    @Parameter(names = "--seed", description = "Random seed; the same seed gives the same data")
    long seed = 7;

    @Parameter(
            names = "--drift",
            description =
                    "Where the injected drift starts, as a fraction of the analysis rows (0..1); 'none' for no drift")
    String drift = "0.5";

    @Parameter(names = "--format", description = "parquet or csv")
    String format = "parquet";

    @Override
    public int call(PrintStream stdout) {
        if (rows <= 0) {
            throw new UserException("--rows: got " + rows + ", expected a positive number of rows");
        }
        long refRows = referenceRows == null ? rows : referenceRows;
        if (refRows <= 0) {
            throw new UserException("--reference-rows: got " + refRows + ", expected a positive number of rows");
        }
        if (features < 3) {
            throw new UserException("--features: got " + features + ", expected at least 3");
        }
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new UserException("--format: got '" + format + "', expected parquet or csv");
        }
        double driftStart = parseDrift(drift);
        SyntheticData.Summary s = SyntheticData.write(
                Sessions.getOrCreate(),
                out,
                new SyntheticData.Options(rows, refRows, features, seed, driftStart, format));
        stdout.printf("wrote %d reference rows to %s%n", s.referenceRows(), s.referencePath());
        stdout.printf(
                "wrote %d analysis rows to %s (targets: %s)%n", s.analysisRows(), s.analysisPath(), s.targetsPath());
        stdout.printf(
                "features: continuous %s, categorical %s; drift %s%n",
                s.continuous(),
                s.categorical(),
                driftStart >= 1 ? "none" : "from " + Math.round(driftStart * 100) + "% of the analysis rows");
        return Main.OK;
    }

    static double parseDrift(String drift) {
        if (drift.equalsIgnoreCase("none")) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(drift);
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UserException("--drift: got '" + drift + "', expected a fraction between 0 and 1, or none");
        }
    }
}
