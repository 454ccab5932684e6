package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnseenCountTest {
    @Test
    void aChunkStateShipsItsCountsNotTheReferenceValues() throws Exception {
        Set<String> seen = IntStream.range(0, 100_000).mapToObj(i -> "id" + i).collect(Collectors.toSet());
        UnseenCount s = new UnseenCount(seen, false);
        s.add("id7");
        s.add("new");
        s.addNull();
        assertThat(LawInputs.serializedBytes(s)).isLessThan(1_000); // the 100,000 values: about 1 MB
        UnseenCount back = LawInputs.roundTrip(s);
        assertThat(back.rows()).isEqualTo(3);
        assertThat(back.unseen()).isEqualTo(2);
        back.merge(s);
        assertThat(back.unseen()).isEqualTo(4);
        assertThatThrownBy(() -> back.add("id1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read back");
    }
}
