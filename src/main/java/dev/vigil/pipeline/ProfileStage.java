package dev.vigil.pipeline;

import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProfilePin;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.Background;
import dev.vigil.internal.UserException;
import dev.vigil.profile.ProfileStore;
import dev.vigil.profile.ReferenceFit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference profile a run uses, and where it came from ({@link Source}, recorded in {@code
 * runs.profile_source}):
 *
 * <ul>
 *   <li>pinned ({@code reference.profile: latest | N}): that stored profile, the reference not
 *       read; it must have been fitted with this configuration (its configuration fingerprint);
 *   <li>else the newest stored one whose fingerprint matches (the reference's listing and the
 *       configuration) and whose resolved columns still fit the analysis;
 *   <li>else, when the reference cannot be read, the newest one fitted with this configuration,
 *       said in the log;
 *   <li>else a fit from the reference ({@link ReferenceStage}), stored as the monitor's next
 *       version.
 * </ul>
 *
 * Never a profile fitted with another configuration.
 */
final class ProfileStage {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStage.class);

    /** Where the profile a run used came from: {@code runs.profile_source}. */
    enum Source {
        /** fitted from the reference by this run */
        FITTED,
        /** stored, with the same reference and configuration */
        STORED,
        /** stored, with this configuration; the reference could not be read */
        STORED_REFERENCE_UNREADABLE,
        /** stored, named by reference.profile */
        PINNED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The profile and its source. */
    record Used(ProfileStore.Stored stored, Source source) {}

    private final RunContext run;

    /** The stored-profile lookup started early ({@link #prefetch}), or null. */
    private CompletableFuture<Lookup> prefetched;

    /** A lookup's outcome: the fingerprint and the matching stored profile, or why there is none. */
    private record Lookup(String fingerprint, Optional<ProfileStore.Stored> stored, UserException unreadable) {}

    ProfileStage(RunContext run) {
        this.run = run;
    }

    /**
     * Starts looking up the stored profile a run without {@code --refit} or a pin would use (the
     * reference's fingerprint, then the profile table: Delta's first read in the process, most of a
     * production run's fixed cost) in the background, so it overlaps the reading of the inputs'
     * schemas; {@link #profile} then takes its outcome. Anything it meets is met again there, as if
     * no lookup had been started.
     */
    ProfileStage prefetch(boolean refit) {
        if (refit || run.config().referenceProfile() != null) {
            return this;
        }
        ProfileStore store = new ProfileStore(run.spark(), run.config().output());
        prefetched = Background.start("vigil-profile-lookup", () -> {
            String fingerprint;
            try {
                fingerprint = store.fingerprint(run.config());
            } catch (UserException unreadable) {
                return new Lookup(null, Optional.empty(), unreadable);
            }
            return new Lookup(fingerprint, store.latest(run.monitor(), fingerprint), null);
        });
        return this;
    }

    /** The prefetched lookup, or null when none was started or it failed (then done again inline). */
    private Lookup prefetchedLookup() {
        if (prefetched == null) {
            return null;
        }
        try {
            return Background.join(prefetched);
        } catch (RuntimeException e) {
            LOG.debug("the early profile lookup failed ({}); looking up again", e.getMessage());
            return null;
        } finally {
            prefetched = null;
        }
    }

    /**
     * @param withAnalysis whether the analysis was read (else the reference's schema stands in)
     * @param refit fit and store a new version even when a stored one matches
     * @param pinnable whether {@code reference.profile} applies (a run), or not ({@code vigil fit},
     *     which fits)
     */
    Used profile(Inputs inputs, boolean withAnalysis, boolean refit, boolean pinnable) {
        MonitorConfig config = run.config();
        ProfileStore store = new ProfileStore(run.spark(), config.output());
        ProfilePin pin = config.referenceProfile();
        if (pin != null && pinnable) {
            if (refit) {
                throw new UserException("--refit: the configuration pins reference.profile: "
                        + pin.describe()
                        + ", which a run uses as it is; expected no --refit, or no reference.profile");
            }
            return new Used(pinned(store, pin, inputs, withAnalysis), Source.PINNED);
        }
        Lookup early = refit ? null : prefetchedLookup();
        String fingerprint;
        try {
            if (early != null && early.unreadable() != null) {
                throw early.unreadable();
            }
            fingerprint = early != null ? early.fingerprint() : store.fingerprint(config);
        } catch (UserException unreadable) {
            if (refit || !pinnable) {
                throw unreadable;
            }
            return new Used(
                    withoutReference(store, inputs, withAnalysis, unreadable), Source.STORED_REFERENCE_UNREADABLE);
        }
        if (!refit) {
            Optional<ProfileStore.Stored> stored = reusable(
                    early != null ? early.stored() : store.latest(run.monitor(), fingerprint), inputs, withAnalysis);
            if (stored.isPresent()) {
                return new Used(stored.get(), Source.STORED);
            }
        }
        Dataset<Row> reference = inputs.reference();
        ResolvedColumns columns = inputs.columnsWith(reference.schema(), withAnalysis);
        ReferenceFit fit = new ReferenceStage(config).fit(columns, reference);
        return new Used(store.save(config, fingerprint, fit, run.runId(), run.now()), Source.FITTED);
    }

    private ProfileStore.Stored pinned(ProfileStore store, ProfilePin pin, Inputs inputs, boolean withAnalysis) {
        String monitor = run.monitor();
        String configuration = store.configFingerprint(run.config());
        Optional<ProfileStore.Stored> stored;
        if (pin.latest()) {
            stored = store.latestWithConfiguration(monitor, configuration);
            if (stored.isEmpty()) {
                throw new UserException("reference.profile: latest: no stored reference profile of monitor "
                        + monitor
                        + " in "
                        + store.path()
                        + " was fitted with this configuration (the columns, chunking, calculators and"
                        + " thresholds, and this Vigil and Spark version); expected one stored by 'vigil fit' with it");
            }
        } else {
            ProfileStore.Entry entry = store.entry(monitor, pin.version())
                    .orElseThrow(() -> new UserException("reference.profile: "
                            + pin.version()
                            + ": monitor "
                            + monitor
                            + " has no stored reference profile v"
                            + pin.version()
                            + " in "
                            + store.path()
                            + "; expected the version of one 'vigil fit' stored"));
            if (!configuration.equals(entry.configFingerprint())) {
                throw new UserException(
                        "reference.profile: "
                                + pin.version()
                                + ": stored reference profile v"
                                + pin.version()
                                + " of monitor "
                                + monitor
                                + " was fitted with another configuration (the columns, chunking, calculators or"
                                + " thresholds, or the Vigil or Spark version, differ); expected a profile fitted with this one");
            }
            stored = store.version(monitor, pin.version());
            if (stored.isEmpty()) {
                throw new UserException("reference.profile: "
                        + pin.version()
                        + ": stored reference profile v"
                        + pin.version()
                        + " of monitor "
                        + monitor
                        + " cannot be read back (see the log); fit again with 'vigil fit'");
            }
        }
        checkColumns(stored.get(), inputs, withAnalysis, "reference.profile: " + pin.describe());
        LOG.info(
                "using stored reference profile v{} of {} (pinned by reference.profile: {}; the reference is"
                        + " not read)",
                stored.get().version(),
                monitor,
                pin.describe());
        return stored.get();
    }

    private ProfileStore.Stored withoutReference(
            ProfileStore store, Inputs inputs, boolean withAnalysis, UserException unreadable) {
        Optional<ProfileStore.Stored> stored =
                store.latestWithConfiguration(run.monitor(), store.configFingerprint(run.config()));
        if (stored.isEmpty()) {
            throw new UserException(unreadable.getMessage()
                    + "; and no stored reference profile of monitor "
                    + run.monitor()
                    + " was fitted with this configuration to run without it (run 'vigil fit' where the"
                    + " reference can be read)");
        }
        checkColumns(stored.get(), inputs, withAnalysis, unreadable.getMessage() + ", and");
        LOG.warn(
                "{}; using stored reference profile v{} of {}, fitted with this configuration on the reference as"
                        + " it was then",
                unreadable.getMessage(),
                stored.get().version(),
                run.monitor());
        return stored.get();
    }

    /** A stored profile that does not fit the analysis columns cannot be used, and cannot be refitted. */
    private void checkColumns(ProfileStore.Stored stored, Inputs inputs, boolean withAnalysis, String why) {
        ReferenceFit fit = stored.fit();
        ResolvedColumns now = withAnalysis ? inputs.columnsWith(fit.referenceSchema(), true) : fit.columns();
        if (!now.equals(fit.columns())) {
            throw new UserException(why
                    + " stored reference profile v"
                    + stored.version()
                    + " resolved other columns than the analysis data has now (features "
                    + fit.columns().features()
                    + ", now "
                    + now.features()
                    + "); expected a profile fitted on these columns (run 'vigil fit' where the reference can be"
                    + " read)");
        }
    }

    /** The stored profile, when its resolved columns still fit the analysis. */
    private Optional<ProfileStore.Stored> reusable(
            Optional<ProfileStore.Stored> stored, Inputs inputs, boolean withAnalysis) {
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
