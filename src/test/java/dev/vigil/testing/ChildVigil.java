package dev.vigil.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The real CLI ({@code dev.vigil.cli.Main}) in a separate JVM: the test classpath, the Java 17
 * flags this JVM was started with (surefire's argLine: the --add-opens list), loopback Spark, its
 * own local session. Output (stdout and stderr, where Vigil logs at INFO through
 * log4j2-test.properties) is collected line by line so a test can wait for a log line and then kill
 * the process.
 */
public final class ChildVigil implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final String name;

    private ChildVigil(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (lines) {
                                lines.add(line);
                                lines.notifyAll();
                            }
                        }
                    } catch (IOException e) {
                        // the process was killed: its pipe closes
                    } finally {
                        synchronized (lines) {
                            lines.notifyAll();
                        }
                    }
                },
                "child-vigil-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java ... dev.vigil.cli.Main args}; {@code jvmArgs} are extra (e.g.
     * -Dspark.hadoop.*).
     */
    public static ChildVigil start(String name, Map<String, String> env, List<String> jvmArgs, String... args) {
        return startMain(name, env, jvmArgs, System.getProperty("java.class.path"), "dev.vigil.cli.Main", args);
    }

    /** Starts {@code java ... mainClass args} on {@code classpath} (e.g. SparkSubmit and its jars). */
    public static ChildVigil startMain(
            String name,
            Map<String, String> env,
            List<String> jvmArgs,
            String classpath,
            String mainClass,
            String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(javaFlags());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        try {
            return new ChildVigil(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Java 17 flags this JVM was started with (surefire's argLine: the pom's {@code
     * java17.opens}), as every child gets them, and UTC.
     */
    public static List<String> javaFlags() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens")
                    || a.startsWith("--add-exports")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect.")
                    || a.startsWith("-Duser.timezone")) {
                out.add(a);
            }
        }
        if (out.stream().noneMatch(a -> a.startsWith("--add-opens=java.base/sun.nio.ch"))) {
            out.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"); // the one Spark cannot start without
        }
        out.add("-Duser.timezone=UTC");
        return out;
    }

    /**
     * Waits until a line matches (true), or the process ended or the timeout passed without one
     * (false).
     */
    public boolean awaitLine(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (pattern.matcher(lines.get(seen)).find()) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!reader.isAlive() && seen == lines.size())) {
                    return false;
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()}), then waits for the process to be gone; false if it
     * had already exited.
     */
    public boolean kill() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
        reader.join(10_000);
        return alive;
    }

    /**
     * Ends the process and every process it started (a Spark Worker's executors, say): SIGTERM to all
     * of them (the descendants are listed first, while they are still its descendants), then SIGKILL
     * to whatever is still alive after {@code graceSeconds}; waits until every one is gone. Returns
     * the processes that outlived even SIGKILL's wait (none, normally).
     */
    public List<ProcessHandle> stopTree(long graceSeconds) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            }
        }
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                alive.add(p);
            }
        }
        reader.join(10_000);
        return alive;
    }

    /** The process's id. */
    public long pid() {
        return process.pid();
    }

    /** The exit code, waiting up to the timeout; the process is killed if it runs longer. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError(name + " still running after " + timeoutSeconds + " s; output:\n" + output());
        }
        reader.join(10_000);
        return process.exitValue();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public long count(Pattern pattern) {
        synchronized (lines) {
            return lines.stream().filter(l -> pattern.matcher(l).find()).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
