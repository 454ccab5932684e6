package dev.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class StringInternerTest {
    @Test
    void equalBytesGiveTheSameStringAndDifferentBytesDifferentOnes() {
        StringInterner in = new StringInterner();
        String[] words = {"", "a", "a\0", "ab", "abcdefg", "abcdefgh", "abcdefghijkl", "€", "20K - 40K €", "b"};
        for (int round = 0; round < 2; round++) {
            for (String w : words) {
                assertThat(in.intern(UTF8String.fromString(w))).isEqualTo(w);
            }
        }
        String first = in.intern(UTF8String.fromString("low"));
        assertThat(in.intern(UTF8String.fromString("low"))).isSameAs(first);
        for (int i = 0; i < 1000; i++) {
            assertThat(in.intern(UTF8String.fromString("v" + i))).isEqualTo("v" + i);
        }
        assertThat(in.intern(UTF8String.fromString("v999"))).isEqualTo("v999");
    }
}
