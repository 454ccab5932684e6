package dev.vigil.ml;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Daemon thread pools for concurrent MLlib fits, and waiting on their results. */
final class Workers {
    private Workers() {}

    /** A pool of {@code n} daemon threads named {@code name}. */
    static ExecutorService pool(int n, String name) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The task's result; its failure rethrown as it was (a checked one wrapped), an interruption as
     * "interrupted while {@code doing}".
     */
    static <T> T result(Future<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
