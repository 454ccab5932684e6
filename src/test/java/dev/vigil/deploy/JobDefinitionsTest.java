package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The job definitions in jobs/ (Databricks Jobs API 2.1 JSON, EMR steps, the Airflow DAG) and
 * terraform/ stay consistent with the build: the jar they name is the one {@code mvn package}
 * writes (the pom's artifactId-version, shaded in place), or for the Spark 4 runtime's job
 * (databricks-job-spark4.json) the one {@code mvn -Pspark4 package} writes (artifactId-version-spark4,
 * the profile's finalName), each with a runtime it runs on, the main class is the CLI entry, and
 * every argument list parses with Vigil's real command-line parser ({@link Main#parseOnly}) into a
 * known command. No Spark needed.
 */
class JobDefinitionsTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN = "dev.vigil.cli.Main";

    /** The Databricks JAR task's entry point: returns on success, throws on failure. */
    static final String JOB_MAIN = "dev.vigil.cli.JobMain";

    static String jarName;

    /** The Spark 4 build's jar ({@code -Pspark4}: the profile's finalName), for Spark 4 runtimes. */
    static String spark4JarName;

    @BeforeAll
    static void readPom() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = child(project, "version");
        assertThat(artifactId).isNotBlank();
        assertThat(version).isNotBlank();
        Element build = (Element) project.getElementsByTagName("build").item(0);
        // no <finalName>: the jar is target/<artifactId>-<version>.jar
        assertThat(directChildren(build, "finalName")).as("pom build/finalName").isEmpty();
        jarName = artifactId + "-" + version + ".jar";

        // the Spark 4 profile builds into its own directory a jar named <artifactId>-<version>-spark4.jar
        Element spark4 = profile(project, "spark4");
        Element spark4Build = directChildren(spark4, "build").get(0);
        assertThat(child(spark4Build, "finalName")).isEqualTo("${project.artifactId}-${project.version}-spark4");
        assertThat(child(spark4Build, "directory")).isEqualTo("${project.basedir}/target/spark4");
        spark4JarName = artifactId + "-" + version + "-spark4.jar";

        // the shade plugin replaces that jar (not attached under a classifier, no other final name) and
        // sets the main class
        Element shade = plugin(project, "maven-shade-plugin");
        String shadeXml = shade.getTextContent();
        assertThat(shade.getElementsByTagName("shadedArtifactAttached").getLength())
                .as("shadedArtifactAttached")
                .isZero();
        assertThat(shade.getElementsByTagName("finalName").getLength())
                .as("shade finalName")
                .isZero();
        assertThat(shade.getElementsByTagName("outputFile").getLength())
                .as("shade outputFile")
                .isZero();
        assertThat(shadeXml).contains(MAIN);
        assertThat(text(plugin(project, "maven-jar-plugin"), "mainClass")).isEqualTo(MAIN);
        assertThat(text(shade, "mainClass")).isEqualTo(MAIN);
    }

    @Test
    void mainClassIsTheCliEntry() throws Exception {
        Class<?> main = Class.forName(MAIN);
        Method m = main.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
                .isTrue();
        assertThat(main).isEqualTo(Main.class);
        // the parse-only hook rejects what the real run would reject, so the checks below can fail
        assertThat(parse(List.of("run", "--confg", "x.yaml")).code).isEqualTo(Main.USER_ERROR);
        assertThat(parse(List.of("run")).code).isEqualTo(Main.USER_ERROR);
        assertThat(parse(List.of("rn", "--config", "x.yaml")).code).isEqualTo(Main.USER_ERROR);
        assertThat(parse(List.of("run", "--config", "x.yaml")).out).contains("would run run");
    }

    @Test
    void databricksJob() throws Exception {
        // a Spark 3.5 / Scala 2.12 LTS runtime, as the default build's jar is built for
        checkDatabricksJob("databricks-job.json", "1[456]\\.\\d+\\.x-scala2\\.12", jarName);
    }

    @Test
    void databricksJobOnSpark4() throws Exception {
        // a Spark 4.0 / Scala 2.13 runtime (Databricks Runtime 17.x), with the Spark 4 build's jar
        checkDatabricksJob("databricks-job-spark4.json", "17\\.\\d+\\.x-scala2\\.13", spark4JarName);
    }

    static void checkDatabricksJob(String file, String runtimes, String expectedJar) throws Exception {
        JsonNode job = JSON.readTree(ROOT.resolve("jobs").resolve(file).toFile());
        assertThat(job.path("name").asText()).isNotBlank();
        assertThat(job.path("schedule").path("quartz_cron_expression").asText()).matches("\\S+( \\S+){5,6}");
        assertThat(job.path("schedule").path("timezone_id").asText()).isNotBlank();
        List<String> clusterKeys = new ArrayList<>();
        for (JsonNode c : job.path("job_clusters")) {
            clusterKeys.add(c.path("job_cluster_key").asText());
            assertThat(c.path("new_cluster").path("spark_version").asText())
                    .as(file + " spark_version")
                    .matches(runtimes);
        }
        assertThat(job.path("tasks").size()).isPositive();
        for (JsonNode task : job.path("tasks")) {
            assertThat(clusterKeys).contains(task.path("job_cluster_key").asText());
            JsonNode jar = task.path("spark_jar_task");
            assertThat(jar.path("main_class_name").asText()).isEqualTo(JOB_MAIN);
            List<String> jars = new ArrayList<>();
            task.path("libraries").forEach(l -> jars.add(l.path("jar").asText()));
            assertThat(jars).hasSize(1);
            assertThat(fileName(jars.get(0))).as(file + " jar").isEqualTo(expectedJar);
            assertParsesAsRun(
                    strings(jar.path("parameters")),
                    file + " " + task.path("task_key").asText());
        }
    }

    @Test
    void emrSteps() throws Exception {
        JsonNode steps = JSON.readTree(ROOT.resolve("jobs/emr-step.json").toFile());
        checkEmrSteps(steps, "emr-step.json");
    }

    /**
     * The copy step's local file is the --config of the run step; the run step is spark-submit of the
     * jar.
     */
    static void checkEmrSteps(JsonNode steps, String what) {
        String copiedTo = null;
        int runs = 0;
        for (JsonNode step : steps) {
            assertThat(step.path("HadoopJarStep").path("Jar").asText()).isEqualTo("command-runner.jar");
            List<String> args = strings(step.path("HadoopJarStep").path("Args"));
            if (args.get(0).equals("aws")) {
                assertThat(args.subList(0, 3)).containsExactly("aws", "s3", "cp");
                assertThat(args.get(3)).startsWith("s3://").endsWith(".yaml");
                copiedTo = args.get(4);
                continue;
            }
            runs++;
            List<String> vigilArgs = sparkSubmitApplicationArgs(args, what);
            ParseResult p = assertParsesAsRun(vigilArgs, what);
            assertThat(copiedTo)
                    .as(what + ": a step copying the configuration comes first")
                    .isNotNull();
            assertThat(option(vigilArgs, "--config")).isEqualTo(copiedTo);
            assertThat(p.code).isZero();
        }
        assertThat(runs).as(what + ": spark-submit steps").isEqualTo(1);
    }

    /** Checks spark-submit's --class and application jar; returns the arguments after the jar. */
    static List<String> sparkSubmitApplicationArgs(List<String> args, String what) {
        assertThat(args.get(0)).isEqualTo("spark-submit");
        int i = 1;
        String mainClass = null;
        while (i < args.size() && args.get(i).startsWith("--")) {
            if (args.get(i).equals("--class")) {
                mainClass = args.get(i + 1);
            }
            i += 2; // every spark-submit option used here takes a value
        }
        assertThat(mainClass).as(what + " --class").isEqualTo(MAIN);
        assertThat(i).as(what + ": application jar").isLessThan(args.size());
        assertThat(fileName(args.get(i))).as(what + ": application jar").isEqualTo(jarName);
        return args.subList(i + 1, args.size());
    }

    @Test
    void airflowDag() throws Exception {
        String dag = Files.readString(ROOT.resolve("jobs/airflow_vigil_dag.py"));
        assertThat(fileName(pyString(dag, "VIGIL_JAR"))).isEqualTo(jarName);
        assertThat(pyString(dag, "MAIN_CLASS")).isEqualTo(MAIN);
        Map<String, List<String>> lists = pyStringLists(dag, "\\w*VIGIL_ARGS");
        assertThat(lists).containsKeys("SPARK_SUBMIT_VIGIL_ARGS", "EMR_VIGIL_ARGS");
        lists.forEach((name, args) -> assertParsesAsRun(args, "airflow_vigil_dag.py " + name));
        // the operators use them
        assertThat(dag)
                .contains(
                        "application_args=SPARK_SUBMIT_VIGIL_ARGS",
                        "java_class=MAIN_CLASS",
                        "application=VIGIL_JAR",
                        "] + EMR_VIGIL_ARGS",
                        "SparkSubmitOperator(",
                        "EmrAddStepsOperator(");
        assertThat(option(lists.get("EMR_VIGIL_ARGS"), "--config")).isEqualTo(pyString(dag, "EMR_CONFIG_LOCAL"));
        // the EMR variant is the same step as jobs/emr-step.json
        JsonNode emr = JSON.readTree(ROOT.resolve("jobs/emr-step.json").toFile());
        assertThat(strings(emr.get(1).path("HadoopJarStep").path("Args")))
                .endsWith(lists.get("EMR_VIGIL_ARGS").toArray(String[]::new));
    }

    @Test
    void terraformJobArguments() throws Exception {
        // the Databricks module's default parameters and the examples' argument lists
        List<Path> tf;
        try (var s = Files.walk(ROOT.resolve("terraform"))) {
            tf = s.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
        assertThat(tf).isNotEmpty();
        int lists = 0;
        int mains = 0;
        Pattern argList =
                Pattern.compile("(?m)^\\s*(?:vigil_args|parameters)\\s*=\\s*(?:concat\\(\\s*)?\\[([^\\]]*)\\]");
        Pattern mainClass = Pattern.compile("(?m)^\\s*main_class(?:_name)?\\s*=\\s*\"([^\"]+)\"");
        Pattern jar = Pattern.compile("\"([^\"\\s$]*vigil-[0-9][^\"/\\s]*\\.jar)\"");
        for (Path p : tf) {
            String text = Files.readString(p);
            Matcher m = argList.matcher(text);
            while (m.find()) {
                // interpolations (the bucket name) become a plain word; the list itself must be literal
                // strings
                List<String> args = quoted(m.group(1)).stream()
                        .map(a -> a.replaceAll("\\$\\{[^}]*\\}", "x"))
                        .toList();
                assertParsesAsRun(args, ROOT.relativize(p).toString());
                lists++;
            }
            Matcher c = mainClass.matcher(text);
            while (c.find()) {
                if (!c.group(1).contains("${")) {
                    assertThat(c.group(1)).as(p.toString()).isEqualTo(JOB_MAIN);
                    mains++;
                }
            }
            Matcher j = jar.matcher(text);
            while (j.find()) {
                assertThat(fileName(j.group(1))).as(p.toString()).isEqualTo(jarName);
            }
        }
        assertThat(lists).as("literal argument lists in terraform/").isPositive();
        assertThat(mains).as("main classes in terraform/").isPositive();
    }

    // ---------------------------------------------------------------------------------------------------------

    record ParseResult(int code, String out, String err) {}

    static ParseResult parse(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.parseOnly(args.toArray(String[]::new), new PrintStream(out), new PrintStream(err));
        return new ParseResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ParseResult assertParsesAsRun(List<String> args, String what) {
        assertThat(args).as(what).isNotEmpty().doesNotContain("--help", "-h");
        ParseResult p = parse(args);
        assertThat(p.code).as(what + " " + args + ": " + p.err).isZero();
        assertThat(p.out).as(what).isEqualTo("vigil: would run run" + System.lineSeparator());
        assertThat(option(args, "--config")).as(what + " --config").endsWith(".yaml");
        return p;
    }

    static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            assertThat(n.isTextual()).as("a string: " + n).isTrue();
            out.add(n.asText());
        });
        return out;
    }

    static List<String> quoted(String listBody) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(listBody);
        while (m.find()) {
            out.add(m.group(1));
        }
        // nothing but quoted strings, commas and white space between the brackets
        assertThat(listBody.replaceAll("\"((?:[^\"\\\\]|\\\\.)*)\"", "").replaceAll("[\\s,]", ""))
                .as(listBody)
                .isEmpty();
        return out;
    }

    /** {@code NAME = "value"} at the start of a line of the DAG. */
    static String pyString(String py, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "\\s*=\\s*\"([^\"]*)\"\\s*$").matcher(py);
        assertThat(m.find()).as(name + " in the DAG").isTrue();
        return m.group(1);
    }

    /** Every {@code NAME = [ "a", "b", ... ]} (a literal list of strings) whose name matches. */
    static Map<String, List<String>> pyStringLists(String py, String nameRegex) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(" + nameRegex + ")\\s*=\\s*\\[([^\\]]*)\\]")
                .matcher(py);
        while (m.find()) {
            out.put(m.group(1), quoted(m.group(2)));
        }
        return out;
    }

    static String child(Element e, String name) {
        List<Element> c = directChildren(e, name);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }

    static List<Element> directChildren(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        assertThat(n.getLength()).as(tag).isPositive();
        return n.item(0).getTextContent().trim();
    }

    static Element profile(Element project, String id) {
        for (Element profiles : directChildren(project, "profiles")) {
            for (Element p : directChildren(profiles, "profile")) {
                if (id.equals(child(p, "id"))) {
                    return p;
                }
            }
        }
        throw new AssertionError("no profile " + id + " in pom.xml");
    }

    static Element plugin(Element project, String artifactId) {
        NodeList plugins = project.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (artifactId.equals(child(p, "artifactId"))) {
                return p;
            }
        }
        throw new AssertionError("no " + artifactId + " in pom.xml");
    }
}
