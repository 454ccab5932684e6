package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Runs the real command line ({@link Main#execute}) capturing stdout, stderr and everything logged
 * through log4j meanwhile (Vigil's and Spark's loggers, at {@code level} and above for the root
 * logger).
 */
public final class CliHarness {
    private CliHarness() {}

    public record Result(int code, String out, String err, String log) {
        @Override
        public String toString() {
            return "exit "
                    + code
                    + "\n--- stdout ---\n"
                    + out
                    + "\n--- stderr ---\n"
                    + err
                    + "\n--- log (tail) ---\n"
                    + log.substring(Math.max(0, log.length() - 4000));
        }
    }

    private static final Object LOCK = new Object();

    public static Result vigil(String... args) {
        return vigil(null, args);
    }

    /**
     * Runs one command; {@code rootLevel} (e.g. INFO) lowers the root logger's level while it runs
     * (null: keep).
     */
    public static Result vigil(Level rootLevel, String... args) {
        synchronized (LOCK) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            StringWriter log = new StringWriter();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            Configuration config = ctx.getConfiguration();
            WriterAppender appender = WriterAppender.newBuilder()
                    .setName("vigil-test-capture")
                    .setTarget(log)
                    .setLayout(PatternLayout.newBuilder()
                            .withPattern("%p %c: %m%n%throwable")
                            .build())
                    .build();
            appender.start();
            LoggerConfig root = config.getRootLogger();
            Level before = root.getLevel();
            root.addAppender(appender, null, null);
            if (rootLevel != null) {
                root.setLevel(rootLevel);
            }
            ctx.updateLoggers();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Main.execute(args, o, e);
            } finally {
                root.removeAppender(appender.getName());
                root.setLevel(before);
                ctx.updateLoggers();
                appender.stop();
            }
            return new Result(
                    code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), log.toString());
        }
    }

    /**
     * Exit 2, exactly one stderr line "vigil: error: ...", no stack trace anywhere, containing every
     * fragment.
     */
    public static String assertUserError(Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.USER_ERROR);
        String[] lines = r.err().split("\\R", -1);
        assertThat(lines).as("stderr must be exactly one line:\n" + r.err()).hasSize(2);
        assertThat(lines[1]).as("nothing after the line break").isEmpty();
        String line = lines[0];
        assertThat(line).startsWith("vigil: error: ");
        assertNoStackTrace(r);
        for (String f : fragments) {
            assertThat(line).as(r.toString()).contains(f);
        }
        return line;
    }

    /** Exit 0 and no stack trace on stderr or in the log. */
    public static void assertSucceeded(Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        assertNoStackTrace(r);
    }

    public static void assertNoStackTrace(Result r) {
        for (String s : new String[] {r.out(), r.err(), r.log()}) {
            assertThat(s).as(r.toString()).doesNotContain("\tat ").doesNotContainPattern("(?m)^\\S*Exception");
        }
        assertThat(r.err()).doesNotContain("Exception");
    }
}
