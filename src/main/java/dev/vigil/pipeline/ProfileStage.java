package dev.vigil.pipeline;

import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.profile.ProfileStore;
import dev.vigil.profile.ReferenceFit;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference profile a run uses: the newest stored one whose fingerprint matches (the reference
 * is then not read) and whose resolved columns still fit the analysis, else a fit from the
 * reference ({@link ReferenceStage}), stored as the monitor's next version.
 */
final class ProfileStage {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStage.class);

    private final RunContext run;

    ProfileStage(RunContext run) {
        this.run = run;
    }

    /**
     * @param withAnalysis whether the analysis was read (else the reference's schema stands in)
     * @param refit fit and store a new version even when a stored one matches
     */
    ProfileStore.Stored profile(Inputs inputs, boolean withAnalysis, boolean refit) {
        MonitorConfig config = run.config();
        ProfileStore store = new ProfileStore(run.spark(), config.output());
        String fingerprint = store.fingerprint(config);
        if (!refit) {
            Optional<ProfileStore.Stored> stored = reusable(store, fingerprint, inputs, withAnalysis);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        Dataset<Row> reference = inputs.reference();
        ResolvedColumns columns = inputs.columnsWith(reference.schema(), withAnalysis);
        ReferenceFit fit = new ReferenceStage(config).fit(columns, reference);
        return store.save(config, fingerprint, fit, run.runId(), run.now());
    }

    private Optional<ProfileStore.Stored> reusable(
            ProfileStore store, String fingerprint, Inputs inputs, boolean withAnalysis) {
        Optional<ProfileStore.Stored> stored = store.latest(run.monitor(), fingerprint);
        if (stored.isEmpty()) {
            return stored;
        }
        ReferenceFit fit = stored.get().fit();
        ResolvedColumns now = withAnalysis ? inputs.columnsWith(fit.referenceSchema(), true) : fit.columns();
        if (now.equals(fit.columns())) {
            LOG.info(
                    "using stored reference profile v{} of {} (the reference is not read)",
                    stored.get().version(),
                    run.monitor());
            return stored;
        }
        LOG.info(
                "the analysis columns differ from stored profile v{}'s; fitting again",
                stored.get().version());
        return Optional.empty();
    }
}
