package dev.vigil.io;

import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The files Vigil reads and writes itself (the configuration, the report, an exported CSV) at any
 * location: a local path through {@code java.nio}, a URI with a scheme ({@code s3a://}, {@code
 * dbfs:/}, {@code abfss://}, {@code gs://}, {@code hdfs://}, ...) through the Hadoop {@link
 * FileSystem} the cluster has for that scheme, configured by the session's Hadoop configuration
 * (so {@code spark.hadoop.*} settings and the cluster's credential providers apply). A location
 * with credentials in it is refused before Hadoop sees it (Hadoop logs paths).
 */
public final class FileLocations {
    private FileLocations() {}

    /** A scheme followed by {@code :/} ({@code s3a://b/k}, {@code dbfs:/x}); one letter is a drive. */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*");

    /** Whether the location is a URI for a Hadoop FileSystem rather than a local path. */
    public static boolean isUri(String location) {
        return SCHEME.matcher(location).matches() && !location.startsWith("file:");
    }

    /** The text of the file at {@code location}; {@code what} names it in errors ("configuration file"). */
    public static String readText(Configuration hadoop, String location, String what) {
        if (!isUri(location)) {
            Path file = local(location);
            if (!Files.isRegularFile(file)) {
                throw Errors.unreadable(what, location, "no such file");
            }
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw Errors.unreadable(what, location, e.getMessage());
            }
        }
        URI uri = uri(location, what);
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            if (!fs.isFile(p)) {
                throw Errors.unreadable(what, location, "no such file");
            }
            try (InputStream in = fs.open(p)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            }
        } catch (FileNotFoundException e) {
            throw Errors.unreadable(what, location, "no such file");
        } catch (IOException e) {
            throw Errors.unreadable(what, location, firstLine(e));
        }
    }

    /** Opens {@code location} for writing (replacing it), its parent directories created. */
    public static OutputStream create(Configuration hadoop, String location, String what) {
        try {
            if (!isUri(location)) {
                Path file = local(location).toAbsolutePath().normalize();
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                return Files.newOutputStream(file);
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri(location, what));
            return p.getFileSystem(hadoop).create(p, true);
        } catch (IOException e) {
            throw unwritable(what, location, e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code location}; returns the number of bytes written. */
    public static long writeText(Configuration hadoop, String location, String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = create(hadoop, location, what)) {
            out.write(bytes);
        } catch (IOException e) {
            throw unwritable(what, location, e);
        }
        return bytes.length;
    }

    /** How a location is shown back: a URI as given, a local path absolute. */
    public static String display(String location) {
        return isUri(location)
                ? location
                : local(location).toAbsolutePath().normalize().toString();
    }

    private static Path local(String location) {
        return Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
    }

    private static URI uri(String location, String what) {
        try {
            URI uri = new URI(location);
            if (uri.getRawUserInfo() != null) {
                throw new UserException(what
                        + " '"
                        + uri.getScheme()
                        + "://***@"
                        + uri.getHost()
                        + "/...': credentials in the location are not accepted; give them as Spark/Hadoop"
                        + " settings or through the cluster's credential provider");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException(what + " '" + location + "': not a valid URI (" + e.getReason() + ")");
        }
    }

    private static UserException unwritable(String what, String location, IOException e) {
        return new UserException("cannot write " + what + " '" + location + "': " + firstLine(e));
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().split("\\R", 2)[0];
    }
}
