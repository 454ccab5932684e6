package dev.vigil.scan;

import dev.vigil.calculators.ChunkStates;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The largest (segment, chunk) group of one scan by the Java-serialized size of its states (each
 * state serialized once on its own, counted, nothing kept: the states are already on the driver),
 * with the largest single state: what {@code scripts/bench --shapes} reports as the largest
 * per-chunk state, from the line {@link Scanner#scan} logs.
 *
 * @param bytes the largest group's states' serialized bytes, summed (0 without groups)
 * @param segment its segment (null: the whole population)
 * @param chunk its chunk (null: the rows in no chunk)
 * @param states its number of states
 * @param groups the scan's number of groups
 * @param stateBytes the largest single state's serialized bytes, over every group
 * @param stateSpec that state's spec
 * @param totalBytes every group's states' serialized bytes, summed
 * @param byKind the state kinds (classes) with the most bytes over every group, largest first, with
 *     their bytes and number of states (at most five)
 */
public record LargestState(
        long bytes,
        String segment,
        Long chunk,
        int states,
        int groups,
        long stateBytes,
        String stateSpec,
        long totalBytes,
        String byKind) {

    /**
     * The system property that makes every scan log its line ({@code -Dvigil.scan.stateSizes=true};
     * {@code scripts/bench --shapes} sets it for its runs): off by default, since it serializes every
     * state of the scan once on the driver (about a second after a 10M-row scan of 51 columns).
     */
    public static final String PROPERTY = "vigil.scan.stateSizes";

    /** The largest group of {@code scanned} and the largest state over all of them. */
    public static LargestState of(List<ChunkStates> scanned) {
        LargestState best = new LargestState(0, null, null, 0, scanned.size(), 0, null, 0, "");
        Map<String, long[]> kinds = new java.util.HashMap<>();
        long stateBytes = 0;
        long all = 0;
        String stateSpec = null;
        for (ChunkStates g : scanned) {
            long total = 0;
            for (Map.Entry<StateSpec, ColumnState> e : g.states().entrySet()) {
                long b = serializedSize(e.getValue());
                total += b;
                long[] k = kinds.computeIfAbsent(e.getValue().getClass().getSimpleName(), x -> new long[2]);
                k[0] += b;
                k[1]++;
                if (b > stateBytes) {
                    stateBytes = b;
                    stateSpec = String.valueOf(e.getKey());
                }
            }
            all += total;
            if (total > best.bytes) {
                best = new LargestState(
                        total, g.segment(), g.group(), g.states().size(), scanned.size(), 0, null, 0, "");
            }
        }
        String byKind = kinds.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(5)
                .map(e -> e.getKey() + " " + e.getValue()[0] + " bytes in " + e.getValue()[1])
                .collect(java.util.stream.Collectors.joining(", "));
        return new LargestState(
                best.bytes, best.segment, best.chunk, best.states, best.groups, stateBytes, stateSpec, all, byKind);
    }

    /** The log line; {@code scripts/bench --shapes} reads its first number. */
    public String line(String what) {
        return "largest chunk state: " + bytes + " bytes (" + what + ", chunk " + chunk + ", segment "
                + (segment == null ? "whole population" : segment) + ", " + states + " states, " + groups
                + " groups, " + totalBytes + " bytes in all (" + byKind + "); largest single state " + stateBytes
                + " bytes: " + stateSpec + ")";
    }

    /** Bytes of {@code o}'s Java serialization, counted as written. */
    static long serializedSize(Object o) {
        long[] n = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                n[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n[0] += len;
            }
        };
        try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n[0];
    }
}
