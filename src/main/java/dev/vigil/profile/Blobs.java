package dev.vigil.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Java serialization, gzipped, of what a fit learned or of chunk states, for binary Delta columns.
 * A blob is only read back by the Vigil and Spark versions that wrote it: both are part of a
 * profile's fingerprint, so an upgrade refits instead of reading an old blob.
 */
public final class Blobs {
    private Blobs() {}

    public static byte[] write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not serialize " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <T> T read(byte[] blob, String what) {
        try (ObjectInputStream in = new ContextLoaderInput(new GZIPInputStream(new ByteArrayInputStream(blob)))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "could not read " + what + " (" + e + "); rerun with --refit to fit again", e);
        }
    }

    /**
     * Resolves classes with the thread's context loader first (spark-submit loads the application jar
     * there).
     */
    private static final class ContextLoaderInput extends ObjectInputStream {
        ContextLoaderInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, bootstrap classes)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
