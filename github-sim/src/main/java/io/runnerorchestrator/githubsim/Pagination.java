package io.runnerorchestrator.githubsim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's list paging: {@code per_page} (default 30, at most 100) and {@code page} (from 1), and
 * a {@code Link} header with prev, next, last and first that keeps the request's other parameters.
 */
record Pagination(int perPage, int page) {
    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;

    static Pagination of(Map<String, String> query) {
        int perPage = positiveInt(query.get("per_page"), DEFAULT_PER_PAGE);
        return new Pagination(Math.min(perPage, MAX_PER_PAGE), positiveInt(query.get("page"), 1));
    }

    <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * perPage;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + perPage));
    }

    int lastPage(int total) {
        return Math.max(1, (total + perPage - 1) / perPage);
    }

    /** The Link header value, or empty when everything fits on one page. */
    Optional<String> linkHeader(String baseUrl, String path, Map<String, String> query, int total) {
        int last = lastPage(total);
        if (last == 1) {
            return Optional.empty();
        }
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add(link(baseUrl, path, query, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(baseUrl, path, query, page + 1, "next"));
            links.add(link(baseUrl, path, query, last, "last"));
        }
        if (page > 1) {
            links.add(link(baseUrl, path, query, 1, "first"));
        }
        return Optional.of(String.join(", ", links));
    }

    private static String link(String baseUrl, String path, Map<String, String> query, int target, String rel) {
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("page", Integer.toString(target));
        StringBuilder url = new StringBuilder(baseUrl).append(path).append('?');
        params.forEach((key, value) -> url.append(encode(key)).append('=').append(encode(value)).append('&'));
        url.setLength(url.length() - 1);
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int positiveInt(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
