package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest {
    private static final String BASE = "http://127.0.0.1:1";
    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 250).boxed().toList();

    @Test
    void middlePageLinksToAllFourNeighboursKeepingOtherParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", "queued");
        query.put("per_page", "100");
        query.put("page", "2");
        Pagination pagination = Pagination.of(query);
        assertThat(pagination.slice(ITEMS)).first().isEqualTo(101);
        assertThat(pagination.linkHeader(BASE, "/x", query, ITEMS.size())).contains(
                "<http://127.0.0.1:1/x?status=queued&per_page=100&page=1>; rel=\"prev\", "
                        + "<http://127.0.0.1:1/x?status=queued&per_page=100&page=3>; rel=\"next\", "
                        + "<http://127.0.0.1:1/x?status=queued&per_page=100&page=3>; rel=\"last\", "
                        + "<http://127.0.0.1:1/x?status=queued&per_page=100&page=1>; rel=\"first\"");
    }

    @Test
    void singlePageHasNoLinkAndPastTheEndIsEmpty() {
        Pagination pagination = Pagination.of(Map.of("page", "10"));
        assertThat(pagination.perPage()).isEqualTo(30);
        assertThat(pagination.slice(ITEMS)).isEmpty();
        assertThat(Pagination.of(Map.of()).linkHeader(BASE, "/x", Map.of(), 30)).isEmpty();
    }

    @Test
    void nonsenseParametersFallBackToDefaults() {
        assertThat(Pagination.of(Map.of("per_page", "abc", "page", "-2"))).isEqualTo(new Pagination(30, 1));
        assertThat(Pagination.of(Map.of("per_page", "1000"))).isEqualTo(new Pagination(100, 1));
    }
}
