package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TreeScanner#KEY_ORDER} is UTF-8 byte order, which stores and SQLite list in. */
class KeyOrderTest {
    private static final int[] ALPHABET = {'a', 'b', '/', '.', 0xE9, 0x4E2D, 0xD7FF, 0xE000, 0xFF5E, 0xFFFD, 0x1F600, 0x10400};

    @Test
    void agreesWithUtf8ByteOrderOnStringsMixingBmpAndSupplementaryCharacters() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            String a = randomKey(random);
            String b = randomKey(random);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(TreeScanner.KEY_ORDER.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    @Test
    void aSupplementaryCharacterSortsAfterTheLastBmpOnes() {
        // String.compareTo says otherwise: the surrogate 0xD83D is below 0xFF5E
        assertThat(TreeScanner.KEY_ORDER.compare("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat(TreeScanner.KEY_ORDER.compare("ab", "abc")).isNegative();
        assertThat(TreeScanner.KEY_ORDER.compare("abc", "abc")).isZero();
    }

    private static String randomKey(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
