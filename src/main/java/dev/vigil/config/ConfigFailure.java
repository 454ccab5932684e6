package dev.vigil.config;

import dev.vigil.internal.UserException;

/**
 * A configuration that could not be read as a whole, but whose {@code monitor} and {@code output}
 * could: a run of it is recorded in that output's {@code runs} table as failed, with this error and
 * the resolved configuration (secrets masked). The message is the original error's.
 */
public final class ConfigFailure extends UserException {
    private final String monitor;
    private final OutputConfig output;
    private final String resolvedYaml;

    ConfigFailure(UserException cause, String monitor, OutputConfig output, String resolvedYaml) {
        super(cause.getMessage(), cause);
        this.monitor = monitor;
        this.output = output;
        this.resolvedYaml = resolvedYaml;
    }

    public String monitor() {
        return monitor;
    }

    public OutputConfig output() {
        return output;
    }

    public String resolvedYaml() {
        return resolvedYaml;
    }
}
