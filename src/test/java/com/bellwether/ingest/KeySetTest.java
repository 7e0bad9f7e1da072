package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeySetTest {

    @Test
    void agreesWithAHashMapOverManyKeysOfEveryFieldKind() {
        KeySet keys = new KeySet();
        Map<List<Object>, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            long number = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(2_000) - 1_000;
            String text = random.nextInt(5) == 0 ? "Zoë " + random.nextInt(50) : "T-" + random.nextInt(40_000);
            int small = random.nextInt(4);
            int value = random.nextInt(1_000);
            Integer before = expected.put(List.of(number, text, small), value);
            int got = keys.begin().number(number).text(text).small(small).put(value);
            assertThat(got).isEqualTo(before == null ? Integer.MIN_VALUE : before);
        }
        assertThat(keys.size()).isEqualTo(expected.size());
    }

    @Test
    void fieldsDoNotRunIntoEachOther() {
        KeySet keys = new KeySet();
        assertThat(keys.begin().text("ab").text("c").add()).isTrue();
        assertThat(keys.begin().text("a").text("bc").add()).isTrue();
        assertThat(keys.begin().number(1).number(256).add()).isTrue();
        assertThat(keys.begin().number(256).number(1).add()).isTrue();
        assertThat(keys.begin().number(-1).add()).isTrue();
        assertThat(keys.begin().number(255).add()).isTrue();
        assertThat(keys.begin().text("ab").text("c").add()).isFalse();
        assertThat(keys.size()).isEqualTo(6);
    }
}
