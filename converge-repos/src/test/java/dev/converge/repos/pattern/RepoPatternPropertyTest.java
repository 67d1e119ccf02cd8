package dev.converge.repos.pattern;

import dev.converge.core.UsageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepoPatternPropertyTest {

    /** Segments as hosting providers allow them: letters, digits, '.', '-', '_'. */
    @Provide
    Arbitrary<String> segment() {
        return Arbitraries.strings().withChars("abcXYZ019.-_").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<List<String>> path() {
        return segment().list().ofMinSize(1).ofMaxSize(5);
    }

    @Property
    void aLiteralPathMatchesItselfInAnyCase(@ForAll("path") List<String> segments) throws UsageException {
        String path = String.join("/", segments);
        RepoPattern pattern = RepoPattern.parse(path);
        assertThat(pattern.matches(path)).isTrue();
        assertThat(pattern.matches(path.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(pattern.matches(path.toLowerCase(Locale.ROOT))).isTrue();
    }

    @Property
    void starStaysWithinOneSegment(@ForAll("path") @Size(min = 2) List<String> segments) throws UsageException {
        String path = String.join("/", segments);
        String stars = String.join("/", segments.stream().map(s -> "*").toList());
        assertThat(RepoPattern.parse("*").matches(path)).isFalse();
        assertThat(RepoPattern.parse(stars).matches(path)).isTrue();
        assertThat(RepoPattern.parse(stars + "/*").matches(path)).isFalse();
    }

    @Property
    void doubleStarSpansAnyDepthBelowAPrefix(@ForAll("path") List<String> segments) throws UsageException {
        String path = String.join("/", segments);
        assertThat(RepoPattern.parse("**").matches(path)).isTrue();
        assertThat(RepoPattern.parse(segments.get(0) + "/**").matches(path)).isTrue();
        assertThat(RepoPattern.parse("**/" + segments.get(segments.size() - 1)).matches(path)).isTrue();
    }

    @Property
    void alternativesMatchExactlyWhatEitherAlternativeMatches(
            @ForAll("segment") String a, @ForAll("segment") String b, @ForAll("segment") String candidate)
            throws UsageException {
        boolean either = RepoPattern.parse("org/" + a).matches("org/" + candidate)
                || RepoPattern.parse("org/" + b).matches("org/" + candidate);
        assertThat(RepoPattern.parse("org/{" + a + "," + b + "}").matches("org/" + candidate)).isEqualTo(either);
    }

    @Property
    void anUnclosedBraceIsAlwaysRejected(@ForAll("path") List<String> segments) {
        String glob = String.join("/", segments) + "/{" + segments.get(0);
        assertThatThrownBy(() -> RepoPattern.parse(glob)).isInstanceOf(UsageException.class)
                .hasMessageContaining("unbalanced '{'");
    }
}
