package dev.vigil.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
        serialize(value, bytes);
        return bytes.toByteArray();
    }

    /** {@code value} serialized and gzipped into {@code into}. */
    private static void serialize(Serializable value, OutputStream into) {
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(into, 64 * 1024))) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not serialize " + value.getClass().getName() + ": " + e, e);
        }
    }

    /**
     * {@link #write}'s bytes in parts of at most {@code partBytes} each, made as the serialization
     * goes: no single array of the whole blob, and none of the doubling copies a growing buffer makes.
     */
    public static List<byte[]> writeParts(Serializable value, int partBytes) {
        Parts parts = new Parts(partBytes);
        serialize(value, parts);
        return parts.parts();
    }

    public static <T> T read(byte[] blob, String what) {
        return read(List.of(blob), what);
    }

    /** What {@link #writeParts} wrote, its parts in order. */
    @SuppressWarnings("unchecked")
    public static <T> T read(List<byte[]> parts, String what) {
        InputStream joined = new SequenceInputStream(Collections.enumeration(parts.stream()
                .map(p -> (InputStream) new ByteArrayInputStream(p))
                .toList()));
        try (ObjectInputStream in = new ContextLoaderInput(new GZIPInputStream(joined, 64 * 1024))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "could not read " + what + " (" + e + "); rerun with --refit to fit again", e);
        }
    }

    /** An output stream into arrays of a fixed size, the last one cut to what was written. */
    private static final class Parts extends OutputStream {
        private final int size;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current;
        private int used;

        Parts(int size) {
            this.size = size;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (current == null || used == current.length) {
                    if (current != null) {
                        full.add(current);
                    }
                    current = new byte[size];
                    used = 0;
                }
                int n = Math.min(len, current.length - used);
                System.arraycopy(b, off, current, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        List<byte[]> parts() {
            List<byte[]> out = new ArrayList<>(full);
            if (current != null && used > 0) {
                out.add(used == current.length ? current : Arrays.copyOf(current, used));
            }
            return out;
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
