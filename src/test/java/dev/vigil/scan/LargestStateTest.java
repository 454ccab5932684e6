package dev.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.ChunkStates;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The largest chunk state a scan logs: each state's Java serialization, summed per group. */
class LargestStateTest {
    private static long bytes(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.size();
    }

    private static ChunkStates group(String segment, long chunk, int values) {
        Moments m = new Moments();
        ValueCounts v = new ValueCounts();
        for (int i = 0; i < values; i++) {
            m.add(i);
            v.add(i / 1000.0);
        }
        Map<StateSpec, ColumnState> states = new LinkedHashMap<>();
        states.put(new Specs.MomentsOf("x"), m);
        states.put(new Specs.ValueCountsOf("c"), v);
        return new ChunkStates(segment, chunk, values, 0L, (long) values, null, null, states);
    }

    @Test
    void theLargestGroupByItsStatesSerializedBytes() throws IOException {
        ChunkStates small = group(null, 0, 10);
        ChunkStates large = group("region=north", 1, 1_000);
        ChunkStates middle = group(null, 2, 100);
        LargestState l = LargestState.of(List.of(small, large, middle));
        long expected = 0;
        for (ColumnState s : large.states().values()) {
            expected += bytes(s);
        }
        long all = expected;
        for (ChunkStates g : List.of(small, middle)) {
            for (ColumnState s : g.states().values()) {
                all += bytes(s);
            }
        }
        assertThat(l.bytes()).isEqualTo(expected);
        assertThat(l.totalBytes()).isEqualTo(all);
        assertThat(l.segment()).isEqualTo("region=north");
        assertThat(l.chunk()).isEqualTo(1L);
        assertThat(l.states()).isEqualTo(2);
        assertThat(l.groups()).isEqualTo(3);
        // 1,000 distinct values outweigh a fixed-size moments state
        assertThat(l.stateBytes()).isEqualTo(bytes(large.states().get(new Specs.ValueCountsOf("c"))));
        assertThat(l.stateSpec()).isEqualTo(new Specs.ValueCountsOf("c").toString());
        assertThat(l.line("analysis"))
                .startsWith("largest chunk state: " + expected + " bytes (analysis, chunk 1, segment region=north,"
                        + " 2 states, 3 groups, " + all + " bytes in all (ValueCounts ");
        assertThat(l.byKind()).startsWith("ValueCounts ").contains(", Moments ").contains(" bytes in 3");
    }

    @Test
    void noGroups() {
        LargestState l = LargestState.of(List.of());
        assertThat(l.bytes()).isZero();
        assertThat(l.groups()).isZero();
        assertThat(l.line("reference")).startsWith("largest chunk state: 0 bytes (reference, chunk null");
    }
}
