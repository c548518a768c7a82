package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Collects every item of a GitHub list by following {@code Link: rel="next"} page after page. */
final class Pagination {

    /** 100 pages of 100: far more runners, runs or jobs than one pool serves; past it a list is refused. */
    static final int MAX_PAGES = 100;

    private final GitHubHttp http;
    private final GitHubJson json;
    private final int maxPages;

    Pagination(GitHubHttp http, GitHubJson json) {
        this(http, json, MAX_PAGES);
    }

    Pagination(GitHubHttp http, GitHubJson json, int maxPages) {
        this.http = http;
        this.json = json;
        this.maxPages = maxPages;
    }

    /**
     * @param itemsField the array holding the items in each page ({@code "runners"}), or null when
     *                   the page itself is the array ({@code GET /orgs/{org}/repos})
     */
    List<JsonNode> all(ApiRequest first, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> visited = new HashSet<>();
        ApiRequest page = first;
        for (int pages = 1; ; pages++) {
            GitHubResponse response = http.send(page);
            JsonNode root = json.tree(page, response);
            JsonNode array = itemsField == null ? root : root.path(itemsField);
            if (!array.isArray()) {
                throw GitHubFailures.unreadable(page, response.status(), new IllegalStateException(
                        itemsField == null ? "expected a JSON array" : "expected an array '" + itemsField + "'"));
            }
            array.forEach(items::add);
            URI next = LinkHeader.parse(response.link()).next().orElse(null);
            // a page seen before would loop forever: the list has ended
            if (next == null || !visited.add(next)) {
                return items;
            }
            requireSameOrigin(first, next);
            if (pages >= maxPages) {
                throw new GitHubException(GitHubException.Kind.SERVER_ERROR, 200, "GitHub's list has more than "
                        + maxPages + " pages (" + items.size() + " items so far) for " + first.describe()
                        + "; stopped reading, nothing decided on a partial list");
            }
            page = page.at(next);
        }
    }

    /** The credentials go with every page, so a next link may not lead to another host. */
    private static void requireSameOrigin(ApiRequest first, URI next) {
        URI origin = first.uri();
        boolean same = Objects.equals(origin.getScheme(), next.getScheme())
                && Objects.equals(origin.getHost(), next.getHost()) && origin.getPort() == next.getPort();
        if (!same) {
            throw new GitHubException(GitHubException.Kind.SERVER_ERROR, 200, "GitHub sent a next-page link to another host ("
                    + next.getScheme() + "://" + next.getHost() + ") for " + first.describe() + "; not followed");
        }
    }
}
