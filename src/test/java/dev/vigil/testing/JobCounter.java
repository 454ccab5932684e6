package dev.vigil.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Counts the Spark jobs started while it is registered (deequ's way of proving a single pass). */
public final class JobCounter extends SparkListener implements AutoCloseable {
    private final SparkSession spark;
    private final AtomicInteger jobs = new AtomicInteger();
    private final List<String> sites = Collections.synchronizedList(new ArrayList<>());

    public JobCounter(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
        sites.add(
                jobStart.stageInfos().isEmpty()
                        ? "?"
                        : jobStart.stageInfos().last().name()
                                + " ("
                                + jobStart.stageInfos().size()
                                + " stages)");
    }

    /** Where each job was started (Spark's short call site), for assertion messages. */
    public List<String> callSites() {
        jobs();
        return List.copyOf(sites);
    }

    /** Jobs started so far (waits for the listener bus to deliver pending events). */
    public int jobs() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark listener bus did not drain", e);
        }
        return jobs.get();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
    }
}
