package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A local S3-compatible server: S3Proxy's runnable jar (fetched into target/tools by the pom before
 * the tests) as its own process on a free loopback port, in-memory ({@code transient}) storage, AWS
 * v2/v4 signatures with a fixed test identity. It cannot run inside the Spark test JVM (its Jackson
 * and Jetty clash with Spark's). A missing jar skips the test locally and fails it with CI=true.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "vigil-test-identity";
    public static final String SECRET_KEY = "vigil-test-credential";

    private final Process process;
    private final Path log;
    public final int port;

    private S3ProxyServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("vigil.s3proxy.jar", "target/tools/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("S3Proxy jar missing in CI: "
                        + jar.toAbsolutePath()
                        + " (the pom copies it in process-test-resources)");
            }
            assumeTrue(false, "S3Proxy jar not present: " + jar + " (run mvn test once online)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path props = workDir.resolve("s3proxy.properties");
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=transient",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY,
                        ""));
        Path log = workDir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--properties",
                        props.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!p.isAlive()) {
                throw new AssertionError("S3Proxy exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                server.client().listBuckets();
                return server;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new AssertionError(
                            "S3Proxy not answering on port " + port + ":\n" + Files.readString(log), notYet);
                }
                Thread.sleep(300);
            }
        }
    }

    /** An AWS SDK v1 client (on the classpath through hadoop-aws): path-style, the test identity. */
    public AmazonS3 client() {
        return AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint(), "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
