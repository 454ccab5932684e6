package dev.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback, for tests: a Master and {@code workers} Workers (1
 * core, 1 GiB each), each its own JVM, and {@code spark-submit --deploy-mode client} (the driver's
 * JVM) to run Vigil's CLI on it; every Worker starts one executor JVM per application.
 *
 * <p>There is no Spark distribution here, only Maven's jars, so the cluster is assembled from them:
 * Maven writes two lists before the tests (pom.xml, {@code target/cluster-test/}): the provided
 * dependencies (Spark, Hadoop, Scala, Delta: what a cluster has) and the runtime ones (what the shade
 * plugin puts into the cluster jar). A temporary SPARK_HOME's {@code jars/} holds links to the
 * provided jars except Delta's, plus the runtime ones a Spark distribution ships too ({@link
 * #SHIPPED_WITH_SPARK}; a Worker starts its executors on {@code SPARK_HOME/jars/*}, the Master, the
 * Workers and spark-submit run on the same); Delta goes with the application as {@code --jars}, as
 * on a vanilla Spark cluster.
 *
 * <p><b>The application jar.</b> The shaded cluster jar is made by {@code mvn package}, after the
 * tests, so {@code mvn test} (CI) has none. The application here is {@code target/classes} as a jar
 * (without {@code log4j2.properties}, which the shade plugin leaves out too) plus the runtime
 * dependencies the shade plugin would put inside it, given as {@code --jars}: the same classes on
 * the driver and the executors, loaded by Spark's application class loader as the shaded jar's are.
 * The one difference: the shaded jar relocates jcommander and snakeyaml, which this Spark does not
 * ship, so nothing can clash. (The shaded jar itself was run unchanged on such a cluster by hand.)
 *
 * <p>Every process is stopped by {@link #close}, its children too (executors outlive a killed
 * Worker otherwise); {@link #leftovers} lists any process still mentioning the cluster's folder.
 */
public final class StandaloneCluster implements AutoCloseable {
    /**
     * Runtime dependencies of Vigil that a Spark distribution's {@code jars/} holds too, for Spark's
     * own classes (MLlib's and RDD sampling's Poisson sampler needs commons-math3 3.6.1, the version
     * Spark 3.5 and 4.0 ship). Maven lists them as Vigil's runtime jars, not as provided ones, since
     * Vigil declares them itself; without them here the cluster would lack what a real one has.
     */
    static final List<String> SHIPPED_WITH_SPARK = List.of("commons-math3-");

    /** Where Maven writes the two classpath lists (pom.xml, maven-dependency-plugin). */
    static final Path LISTS = Path.of("target", "cluster-test");

    private static final long START_SECONDS = 180;

    private final Path dir;
    private final Path sparkHome;
    private final List<String> jars;
    private final Path appJar;
    private final List<ChildVigil> processes = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private String masterUrl;

    /** Stops everything should the test JVM end before {@link #close} (a surefire timeout, say). */
    private final Thread onExit = new Thread(this::stopQuietly, "standalone-cluster-stop");

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        List<String> provided = list("provided-classpath.txt");
        List<String> runtime = list("runtime-classpath.txt");
        this.sparkHome = this.dir.resolve("spark-home");
        Path lib = Files.createDirectories(sparkHome.resolve("jars"));
        List<String> delta = new ArrayList<>();
        for (String jar : provided) {
            String name = Path.of(jar).getFileName().toString();
            if (name.startsWith("delta-spark_") || name.startsWith("delta-storage-")) {
                delta.add(jar);
            } else {
                Files.createSymbolicLink(lib.resolve(name), Path.of(jar));
            }
        }
        if (delta.isEmpty()) {
            throw new IllegalStateException("no Delta jar among the provided dependencies " + provided);
        }
        this.jars = new ArrayList<>(delta);
        this.jars.addAll(runtime);
        for (String jar : runtime) {
            String name = Path.of(jar).getFileName().toString();
            if (SHIPPED_WITH_SPARK.stream().anyMatch(name::startsWith)) {
                Files.createSymbolicLink(lib.resolve(name), Path.of(jar));
            }
        }
        this.appJar = applicationJar(Path.of("target", "classes"), this.dir.resolve("vigil-app.jar"));
    }

    private static List<String> list(String file) throws IOException {
        Path p = LISTS.resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalStateException(
                    p + " is missing: Maven writes it in process-test-resources" + " (run the test through mvn test)");
        }
        return Arrays.stream(Files.readString(p).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /**
     * Starts a Master and {@code workers} Workers on loopback and waits until every Worker is
     * registered.
     */
    public static StandaloneCluster start(Path dir, int workers) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir);
        Runtime.getRuntime().addShutdownHook(c.onExit);
        try {
            c.startMaster();
            for (int i = 0; i < workers; i++) {
                c.startWorker(i);
            }
            for (int i = 0; i < workers; i++) {
                ChildVigil w = c.processes.get(1 + i);
                if (!w.awaitLine(Pattern.compile("Successfully registered with master"), START_SECONDS)) {
                    throw new IllegalStateException("worker " + i + " did not register:\n" + w.output());
                }
            }
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private String classpath() {
        return sparkHome.resolve("jars") + File.separator + "*";
    }

    private Map<String, String> env() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12");
    }

    private void startMaster() throws InterruptedException {
        ChildVigil m = ChildVigil.startMain(
                "spark-master",
                env(),
                List.of("-Xmx256m"),
                classpath(),
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--webui-port",
                "0");
        synchronized (processes) {
            processes.add(m);
        }
        Pattern url = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
        if (!m.awaitLine(url, START_SECONDS)
                || !m.awaitLine(Pattern.compile("I have been elected leader"), START_SECONDS)) {
            throw new IllegalStateException("the master did not start:\n" + m.output());
        }
        Matcher found = url.matcher(m.output());
        found.find();
        masterUrl = found.group(1);
    }

    private void startWorker(int i) throws IOException {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        workDirs.add(work);
        ChildVigil w = ChildVigil.startMain(
                "spark-worker-" + i,
                env(),
                List.of("-Xmx256m"),
                classpath(),
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--webui-port",
                "0",
                "--work-dir",
                work.toString(),
                masterUrl);
        synchronized (processes) {
            processes.add(w);
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** A finished spark-submit: its exit code, its output (the driver log) and its event log. */
    public record Submitted(String name, int code, String log, Path eventLog) {
        /** Finished tasks per executor id, from the event log's SparkListenerTaskEnd events. */
        public Map<String, Integer> tasksByExecutor() throws IOException {
            Map<String, Integer> out = new TreeMap<>();
            ObjectMapper json = new ObjectMapper();
            try (Stream<String> lines = Files.lines(eventLog)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.contains("\"SparkListenerTaskEnd\"")) {
                        JsonNode e = json.readTree(line);
                        if (e.path("Event").asText().equals("SparkListenerTaskEnd")) {
                            out.merge(e.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
                        }
                    }
                }
            }
            return out;
        }

        /** The application's id (the event log's name). */
        public String appId() {
            return eventLog.getFileName().toString().replaceAll("\\.inprogress$", "");
        }
    }

    /**
     * {@code spark-submit --master spark://... --deploy-mode client --jars <Delta and the
     * application's dependencies> --class dev.vigil.cli.Main <application jar> vigilArgs}, waiting
     * for it to end. The settings a cluster would have: loopback, no UI, the Java 17 flags for the
     * executors (the driver is this child JVM, started with them), one executor of 768 MiB per
     * Worker, both registered before the first job, shuffle partitions as the local test session's,
     * an event log.
     */
    public Submitted submit(String name, String... vigilArgs) throws Exception {
        Path events = Files.createDirectories(dir.resolve("events").resolve(name));
        String executorFlags = String.join(" ", ChildVigil.javaFlags()) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
        List<String> args = new ArrayList<>(List.of(
                "--master",
                masterUrl,
                "--deploy-mode",
                "client",
                "--name",
                "vigil-" + name,
                "--jars",
                String.join(",", jars),
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.executor.memory=768m",
                "--conf",
                "spark.executor.extraJavaOptions=" + executorFlags,
                "--conf",
                "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf",
                "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                "--conf",
                "spark.sql.shuffle.partitions=2",
                "--conf",
                "spark.databricks.delta.snapshotPartitions=2",
                "--conf",
                "spark.eventLog.enabled=true",
                "--conf",
                "spark.eventLog.dir=" + events.toUri(),
                "--class",
                "dev.vigil.cli.Main",
                appJar.toString()));
        args.addAll(List.of(vigilArgs));
        ChildVigil submit = ChildVigil.startMain(
                "spark-submit-" + name,
                env(),
                List.of(),
                classpath(),
                "org.apache.spark.deploy.SparkSubmit",
                args.toArray(String[]::new));
        synchronized (processes) {
            processes.add(submit);
        }
        int code;
        try {
            code = submit.waitFor(1200);
        } finally {
            submit.stopTree(20);
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(events)) {
            logs = files.toList();
        }
        if (logs.size() != 1) {
            throw new IllegalStateException(
                    "expected one event log in " + events + ", found " + logs + "\n" + submit.output());
        }
        return new Submitted(name, code, submit.output(), logs.get(0));
    }

    /** The stderr of the executors the Workers ran for an application (one per Worker that ran one). */
    public List<String> executorLogs(String appId) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path work : workDirs) {
            Path app = work.resolve(appId);
            if (!Files.isDirectory(app)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(app)) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr"))
                        .toList()) {
                    out.add(Files.readString(f));
                }
            }
        }
        return out;
    }

    /**
     * Processes still alive whose command line mentions the cluster's folder (its SPARK_HOME is on
     * every classpath: Master, Workers, executors, drivers).
     */
    public List<String> leftovers() {
        String mark = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(mark))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .collect(Collectors.toList());
    }

    /** Stops the drivers, the Workers (and their executors), then the Master; waits for all. */
    @Override
    public void close() throws InterruptedException {
        List<ChildVigil> order;
        synchronized (processes) {
            order = new ArrayList<>(processes);
        }
        Collections.reverse(order);
        for (ChildVigil p : order) {
            p.stopTree(30);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or ran
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code classes} as a jar, without the logging configuration the cluster jar leaves out too. */
    public static Path applicationJar(Path classes, Path jar) {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                if (name.equals("log4j2.properties")) {
                    continue;
                }
                j.putNextEntry(new JarEntry(name));
                Files.copy(f, j);
                j.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
