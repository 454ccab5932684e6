package dev.vigil.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point for job runners that call {@code main} and expect it to return, such as a
 * Databricks JAR task (its driver keeps running after {@code main}; {@code System.exit} there
 * fails the task). The same commands and output as {@link Main}. On success it returns; on any
 * other exit code it throws {@link Failed}, with the exit code and the command's one-line error.
 * {@code spark-submit} (EMR, scripts/vigil) keeps {@link Main} and its exit codes.
 */
public final class JobMain {
    private JobMain() {}

    /** A command that did not succeed: its exit code (CONTRACT §1) and what it printed last. */
    public static final class Failed extends RuntimeException {
        private final int exitCode;

        Failed(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public static void main(String[] args) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new Both(System.err, errors), true, StandardCharsets.UTF_8);
        int code = Main.execute(args, System.out, err);
        System.out.flush();
        err.flush();
        if (code != Main.OK) {
            String printed = errors.toString(StandardCharsets.UTF_8).strip();
            String last = printed.isEmpty() ? "" : printed.substring(printed.lastIndexOf('\n') + 1);
            throw new Failed(code, "vigil exited with code " + code + (last.isEmpty() ? "" : ": " + last));
        }
    }

    /** Writes to the console and keeps a copy. */
    private static final class Both extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Both(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
