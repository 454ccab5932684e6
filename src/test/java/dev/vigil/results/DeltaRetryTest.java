package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import io.delta.exceptions.ConcurrentDeleteReadException;
import io.delta.exceptions.MetadataChangedException;
import io.delta.exceptions.ProtocolChangedException;
import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry of Delta writes on Delta's own concurrent-commit exceptions, and nothing else. */
class DeltaRetryTest {
    @Test
    void concurrentCommitsAreRetriedUntilTheWriteSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger cleanups = new AtomicInteger();
        String result = DeltaRetry.run(
                "test",
                () -> {
                    int n = calls.incrementAndGet();
                    if (n == 1) {
                        throw new ConcurrentAppendException("files were added by a concurrent update");
                    }
                    if (n == 2) { // wrapped, as Spark sometimes does
                        throw new IllegalStateException(
                                "commit failed", new ProtocolChangedException("created concurrently"));
                    }
                    return "done";
                },
                cleanups::incrementAndGet);
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(cleanups).hasValue(2);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> DeltaRetry.run(
                        "test",
                        () -> {
                            calls.incrementAndGet();
                            throw new IllegalArgumentException("schema mismatch");
                        },
                        () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
        // a JDK ConcurrentModificationException (a bug, not a lost commit race) is not retried either
        assertThat(DeltaRetry.isConcurrentModification(new ConcurrentModificationException()))
                .isFalse();
        assertThat(DeltaRetry.isConcurrentModification(new MetadataChangedException("m")))
                .isTrue();
        assertThat(DeltaRetry.isConcurrentModification(new ConcurrentDeleteReadException("d")))
                .isTrue();
    }
}
