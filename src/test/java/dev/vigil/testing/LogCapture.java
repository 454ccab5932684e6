package dev.vigil.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What one logger (and its children) logs at {@code level} and above while open, whatever the test
 * logging configuration sets it to (log4j2-test.properties keeps Spark's TaskSetManager at ERROR,
 * say); the logger's configuration is restored on close.
 */
public final class LogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final LoggerConfig logger;
    private final boolean added;
    private final Level before;
    private final WriterAppender appender;

    private LogCapture(String name, Level level) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggerConfig(name);
        if (existing.getName().equals(name)) {
            logger = existing;
            added = false;
        } else {
            logger = new LoggerConfig(name, level, true);
            config.addLogger(name, logger);
            added = true;
        }
        before = logger.getLevel();
        appender = WriterAppender.newBuilder()
                .setName("vigil-log-capture-" + System.nanoTime())
                .setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build())
                .build();
        appender.start();
        logger.addAppender(appender, level, null);
        logger.setLevel(level);
        context.updateLoggers();
    }

    public static LogCapture of(String logger, Level level) {
        return new LogCapture(logger, level);
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        logger.removeAppender(appender.getName());
        if (added) {
            context.getConfiguration().removeLogger(logger.getName());
        } else {
            logger.setLevel(before);
        }
        context.updateLoggers();
        appender.stop();
    }
}
