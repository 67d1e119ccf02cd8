package dev.converge.repos.pattern;

import dev.converge.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepoPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "myorg/*          | myorg/api              | true",
            "myorg/*          | MyOrg/API              | true",
            "myorg/*          | myorg/team/api         | false",
            "myorg/*          | other/api              | false",
            "*/api            | myorg/api              | true",
            "myorg/ap?        | myorg/api              | true",
            "myorg/ap?        | myorg/apix             | false",
            "group/**         | group                  | true",
            "group/**         | group/sub/deep/repo    | true",
            "group/**/repo    | group/repo             | true",
            "group/**/repo    | group/a/b/repo         | true",
            "group/**/repo    | group/a/b/other        | false",
            "**               | any/thing/at/all       | true",
            "**/tools         | a/b/tools              | true",
            "myorg/{api,web}  | myorg/web              | true",
            "myorg/{api,web}  | myorg/cli              | false",
            "{a,b}/{x*,y}     | b/xylophone            | true",
            "myorg/{api,w{e,o}b} | myorg/wob           | true",
            "work:myorg/*     | myorg/x                | true",
            "my.org/a+b       | my.org/a+b             | true",
            "my.org/a+b       | myxorg/aab             | false",
            "/myorg/*/        | myorg/api              | true",
    })
    void matchesAsDocumented(String pattern, String path, boolean expected) throws UsageException {
        assertThat(RepoPattern.parse(pattern).matches(path)).isEqualTo(expected);
    }

    @Test
    void providerPrefixIsSeparatedFromTheGlob() throws UsageException {
        RepoPattern p = RepoPattern.parse("work:myorg/*");
        assertThat(p.provider()).contains("work");
        assertThat(p.glob()).isEqualTo("myorg/*");
        assertThat(RepoPattern.parse("myorg/*").provider()).isEmpty();
    }

    @Test
    void literalPrefixStopsAtTheFirstWildcard() throws UsageException {
        assertThat(RepoPattern.parse("MyOrg/team/*").literalPrefix()).containsExactly("myorg", "team");
        assertThat(RepoPattern.parse("*/x").literalPrefix()).isEmpty();
        assertThat(RepoPattern.parse("{a,b}/x").literalPrefix()).isEmpty();
    }

    @Test
    void unbalancedBracesAreAClearUsageError() {
        assertThatThrownBy(() -> RepoPattern.parse("myorg/{api,web"))
                .isInstanceOf(UsageException.class)
                .hasMessage("pattern 'myorg/{api,web': unbalanced '{' at column 7 is never closed");
        assertThatThrownBy(() -> RepoPattern.parse("myorg/api}"))
                .isInstanceOf(UsageException.class)
                .hasMessage("pattern 'myorg/api}': unbalanced '}' at column 10");
    }

    @Test
    void emptyPatternMatchesEverything() throws UsageException {
        assertThat(RepoPattern.parse("").matches("a/b/c")).isTrue();
        assertThat(RepoPattern.all().matches("x")).isTrue();
    }
}
