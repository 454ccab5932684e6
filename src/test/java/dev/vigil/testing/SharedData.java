package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NannyML datasets and oracle outputs in {@code ../shared}. Missing files skip a test locally
 * but fail it when {@code CI=true}: conformance must never silently not run in CI.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String p = System.getProperty("vigil.shared.dir");
        return p != null ? Path.of(p) : Path.of("..", "shared");
    }

    public static Path dataset(String file) {
        return require(root().resolve("datasets/nannyml").resolve(file));
    }

    public static Path oracle(String file) {
        return require(root().resolve("oracle/nannyml").resolve(file));
    }

    private static Path require(Path p) {
        return require(p, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** {@code p} if it is a file; else fails the test in CI, skips it elsewhere. */
    static Path require(Path p, boolean ci) {
        if (!Files.isRegularFile(p)) {
            if (ci) {
                fail("conformance input missing in CI: " + p.toAbsolutePath());
            }
            assumeTrue(false, "shared data not present: " + p);
        }
        return p;
    }
}
