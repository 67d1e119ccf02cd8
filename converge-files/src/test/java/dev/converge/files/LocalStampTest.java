package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.model.Fingerprint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The no-op's per-file test reads a recorded stamp in place and must agree with parsing it. */
class LocalStampTest {
    private static final String INODE = "(dev=803,ino=4211)";

    @Test
    void agreesWithParsingOnMatchesAndOnEveryFieldThatDiffers() {
        long[] sizes = {0, 7, 10, 4096, Long.MAX_VALUE};
        long[] mtimes = {0, 1_700_000_000_123_456_789L, -5, -1_000_000_000L, Long.MIN_VALUE};
        for (long size : sizes) {
            for (long mtime : mtimes) {
                Fingerprint recorded = new LocalStamp(size, mtime, INODE, "ab12").fingerprint();
                for (long s2 : sizes) {
                    for (long m2 : mtimes) {
                        for (String inode : new String[] {INODE, "(dev=803,ino=421)", "(dev=803,ino=42111)", ""}) {
                            FileItem file = new FileItem("k", Path.of("k"), s2, m2, inode, null);
                            assertThat(LocalStamp.sameAs(recorded, file)).as("%s vs %d %d %s", recorded, s2, m2, inode)
                                    .isEqualTo(LocalStamp.parse(recorded).sameAs(file))
                                    .isEqualTo(s2 == size && m2 == mtime && inode.equals(INODE));
                        }
                    }
                }
            }
        }
    }

    @Test
    void anUnreadableStampIsNeverTheSame() {
        FileItem file = new FileItem("k", Path.of("k"), 5, 9, "", null);
        assertThat(LocalStamp.sameAs(null, file)).isFalse();
        assertThat(LocalStamp.sameAs(new Fingerprint("5:9"), file)).isFalse();
        assertThat(LocalStamp.sameAs(new Fingerprint("5::9:"), file)).isFalse();
        assertThat(LocalStamp.sameAs(new Fingerprint("x:9::"), file)).isFalse();
        assertThat(LocalStamp.sameAs(new Fingerprint(":9::"), file)).isFalse();
        assertThat(LocalStamp.sameAs(new Fingerprint("5:9::"), file)).isTrue();
    }
}
