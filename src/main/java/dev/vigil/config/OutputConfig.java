package dev.vigil.config;

import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import java.io.Serializable;

/** Where the Delta tables go. */
public record OutputConfig(String path) implements Serializable {
    static final Key<String> PATH = Key.of(
            "path",
            "a directory or URI, without credentials in it",
            "./vigil-output",
            "where the Delta tables are written (--output overrides it; required in an output" + " section)",
            (s, k) -> s.requiredString(k, "a directory or URI for the Delta tables"));

    static final Schema SCHEMA = Schema.of("output", "where the results go", PATH);

    /** Without an output section: {@code ./vigil-output}. */
    static OutputConfig defaults() {
        return new OutputConfig(PATH.defaultValue());
    }

    /** Reads the section; its path is required, and credentials in it are refused. */
    static OutputConfig parse(Section o) {
        SCHEMA.check(o);
        OutputConfig output = new OutputConfig(PATH.reader().read(o, PATH.name()));
        if (Secrets.hasUrlCredentials(output.path())) {
            throw Errors.badValue(
                    PATH.in(o),
                    Secrets.redact(output.path()),
                    "a directory or URI without credentials"
                            + " in it (give them as Spark/Hadoop settings, e.g. spark.hadoop.fs.s3a.secret.key)");
        }
        return output;
    }
}
