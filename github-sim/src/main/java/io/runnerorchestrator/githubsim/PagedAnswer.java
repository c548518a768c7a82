package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Function;

/** Builds list answers one page at a time, with GitHub's Link header. */
final class PagedAnswer {
    private final String baseUrl;

    PagedAnswer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code {"total_count": n, "<field>": [page items]}}; only the page's items are rendered. */
    <T> ApiResponse wrapped(ApiRequest request, String field, List<T> all, Function<T, ? extends JsonNode> render) {
        Pagination pagination = Pagination.of(request.query());
        ObjectNode body = Json.object().put("total_count", all.size());
        ArrayNode items = body.putArray(field);
        pagination.slice(all).forEach(item -> items.add(render.apply(item)));
        return withLink(ApiResponse.json(200, body), request, pagination, all.size());
    }

    /** A bare JSON array of the page's items. */
    <T> ApiResponse bare(ApiRequest request, List<T> all, Function<T, ? extends JsonNode> render) {
        Pagination pagination = Pagination.of(request.query());
        ArrayNode body = Json.array();
        pagination.slice(all).forEach(item -> body.add(render.apply(item)));
        return withLink(ApiResponse.json(200, body), request, pagination, all.size());
    }

    private ApiResponse withLink(ApiResponse response, ApiRequest request, Pagination pagination, int total) {
        return pagination.linkHeader(baseUrl, request.path(), request.query(), total)
                .map(link -> response.withHeader("Link", link))
                .orElse(response);
    }
}
