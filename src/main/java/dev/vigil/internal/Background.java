package dev.vigil.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work a run does beside its main thread (a profile stored or looked up, a second table written): on
 * a daemon thread of its own, named for thread dumps, so a process that ends does not wait for it;
 * {@link #join} rethrows its failure as it was thrown.
 */
public final class Background {
    private Background() {}

    /** {@code work} on a new daemon thread called {@code name}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        });
    }

    /** {@code work} on a new daemon thread called {@code name}. */
    public static CompletableFuture<Void> start(String name, Runnable work) {
        return start(name, () -> {
            work.run();
            return null;
        });
    }

    /** The work's result, once done; its failure rethrown (a checked one wrapped). */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
