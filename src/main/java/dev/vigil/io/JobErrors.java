package dev.vigil.io;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;

import dev.vigil.internal.Errors;
import org.apache.spark.sql.Column;

/** User errors found by a row-level check inside a Spark job, on data only the job reads. */
public final class JobErrors {
    private JobErrors() {}

    /**
     * A Spark column that fails the job with a user error when evaluated (use inside {@code
     * when(...)}): the message is built per row, e.g. to quote the offending value. {@link
     * Errors#userError} finds it in the job failure.
     */
    public static Column failInJob(Column message) {
        return raise_error(concat(lit(Errors.JOB_ERROR_START), message, lit(Errors.JOB_ERROR_END)));
    }
}
