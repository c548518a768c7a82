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

    private final GitHubHttp http;
    private final GitHubJson json;

    Pagination(GitHubHttp http, GitHubJson json) {
        this.http = http;
        this.json = json;
    }

    /**
     * @param itemsField the array holding the items in each page ({@code "runners"}), or null when
     *                   the page itself is the array ({@code GET /orgs/{org}/repos})
     */
    List<JsonNode> all(ApiRequest first, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> visited = new HashSet<>();
        ApiRequest page = first;
        while (true) {
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
