package dev.vigil.internal;

/**
 * A mistake in the configuration or the input data. The CLI prints its message on one line, without
 * a stack trace, and exits with code 2. The message always names the key, column or file at fault
 * and what was expected.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
