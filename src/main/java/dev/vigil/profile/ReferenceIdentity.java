package dev.vigil.profile;

import dev.vigil.config.InputSpec;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The reference's content identity for a profile's fingerprint, read from metadata only. */
final class ReferenceIdentity {
    private final SparkSession spark;

    ReferenceIdentity(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What identifies the reference's content without reading it: a Delta table's version, else every
     * data file's path, size and modification time (hidden files such as {@code _SUCCESS} left out,
     * as Spark does).
     */
    String of(InputSpec spec) {
        if (spec.isAbsent()) {
            throw new UserException("configuration key '"
                    + spec.key()
                    + "': neither 'path' nor 'table' is given; expected one to fit the reference ('profile' only"
                    + " names the stored profile a run uses)");
        }
        if (spec.isTable()) {
            if (!spark.catalog().tableExists(spec.table())) {
                throw Errors.unreadable(
                        spec.key() + ".table",
                        spec.table(),
                        "no such table in the catalog; expected an existing table");
            }
            try {
                return "table " + spec.table() + "@" + deltaVersion(DeltaTable.forName(spark, spec.table()));
            } catch (Exception notDelta) {
                return "table " + spec.table() + " at " + files(tableLocation(spec.table()), spec);
            }
        }
        if (spec.format().equals("delta")) {
            if (!DeltaTable.isDeltaTable(spark, spec.path())) {
                throw Errors.unreadable(
                        spec.key() + ".path", spec.path(), "not a Delta table; expected a Delta table directory");
            }
            return "delta " + spec.path() + "@" + deltaVersion(DeltaTable.forPath(spark, spec.path()));
        }
        return spec.format() + " " + spec.path() + " " + spec.options() + " " + files(spec.path(), spec);
    }

    private static long deltaVersion(DeltaTable table) {
        return table.history(1).select("version").first().getLong(0);
    }

    private String tableLocation(String table) {
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList()) {
            if ("Location".equals(r.getString(0))) {
                return r.getString(1);
            }
        }
        throw Errors.unreadable(
                "reference.table", table, "its storage location is unknown; expected a table with a location");
    }

    private String files(String location, InputSpec spec) {
        try {
            Path p = new Path(location);
            URI uri = URI.create(location);
            FileSystem fs = FileSystem.get(
                    uri.getScheme() == null ? p.toUri() : uri,
                    spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw Errors.unreadable(
                        spec.key() + ".path",
                        location,
                        "no such file or directory; expected an existing " + spec.format() + " file or directory");
            }
            List<String> entries = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isFile()) {
                    entries.add(m.getPath().toString() + "|" + m.getLen() + "|" + m.getModificationTime());
                    continue;
                }
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    String name = f.getPath().getName();
                    if (name.startsWith("_") || name.startsWith(".")) {
                        continue;
                    }
                    entries.add(f.getPath().toString() + "|" + f.getLen() + "|" + f.getModificationTime());
                }
            }
            entries.sort(String::compareTo);
            return ProfileStore.sha256(String.join("\n", entries));
        } catch (IOException e) {
            throw Errors.unreadable(spec.key() + ".path", location, e.getMessage());
        }
    }
}
