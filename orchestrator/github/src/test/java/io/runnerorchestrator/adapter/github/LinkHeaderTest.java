package io.runnerorchestrator.adapter.github;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTest {

    @Test
    void findsNextAndLastInGitHubsFormat() {
        LinkHeader links = LinkHeader.parse(
                "<https://api.github.com/repositories/1/actions/runners?per_page=100&page=2>; rel=\"next\", "
                        + "<https://api.github.com/repositories/1/actions/runners?per_page=100&page=3>; rel=\"last\"");

        assertThat(links.next()).contains(URI.create("https://api.github.com/repositories/1/actions/runners?per_page=100&page=2"));
        assertThat(links.rel("last")).contains(URI.create("https://api.github.com/repositories/1/actions/runners?per_page=100&page=3"));
    }

    @Test
    void lastPageHasNoNext() {
        LinkHeader links = LinkHeader.parse("<https://x/y?page=1>; rel=\"prev\", <https://x/y?page=1>; rel=\"first\"");

        assertThat(links.next()).isEmpty();
        assertThat(links.rel("first")).contains(URI.create("https://x/y?page=1"));
    }

    @Test
    void absentOrBlankHeaderHasNoLinks() {
        assertThat(LinkHeader.parse(null).next()).isEmpty();
        assertThat(LinkHeader.parse("  ").next()).isEmpty();
    }

    @Test
    void toleratesUnquotedRelExtraParametersAndOddSpacing() {
        LinkHeader links = LinkHeader.parse("<https://x/y?page=2>;title=\"more\";rel=next,<https://x/y?page=9> ; rel = \"last\"");

        assertThat(links.next()).contains(URI.create("https://x/y?page=2"));
        assertThat(links.rel("last")).contains(URI.create("https://x/y?page=9"));
    }

    @Test
    void relWithSeveralTypesCountsForEach() {
        LinkHeader links = LinkHeader.parse("<https://x/y?page=2>; rel=\"next last\"");

        assertThat(links.next()).contains(URI.create("https://x/y?page=2"));
        assertThat(links.rel("last")).contains(URI.create("https://x/y?page=2"));
    }

    @Test
    void skipsLinksWithBrokenUrls() {
        LinkHeader links = LinkHeader.parse("<https://x/y?page=2 broken>; rel=\"next\"");

        assertThat(links.next()).isEmpty();
    }
}
