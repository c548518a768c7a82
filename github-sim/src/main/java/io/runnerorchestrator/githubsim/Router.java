package io.runnerorchestrator.githubsim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method and path to a handler by GitHub's path templates ({@code /repos/{owner}/{repo}/...}). */
final class Router {
    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, compile(template), handler, false));
        return this;
    }

    /** A route that authenticates with the GitHub App's JWT instead of a token. */
    Router addForApp(String method, String template, Handler handler) {
        routes.add(new Route(method, template, compile(template), handler, true));
        return this;
    }

    Optional<Match> match(String method, String path) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                return Optional.of(new Match(route, new PathParams(parameters(route.template(), matcher))));
            }
        }
        return Optional.empty();
    }

    private static Pattern compile(String template) {
        return Pattern.compile(template.replaceAll("\\{[a-z_]+}", "([^/]+)"));
    }

    private static Map<String, String> parameters(String template, Matcher matcher) {
        Map<String, String> values = new HashMap<>();
        Matcher names = Pattern.compile("\\{([a-z_]+)}").matcher(template);
        int group = 1;
        while (names.find()) {
            values.put(names.group(1), matcher.group(group++));
        }
        return values;
    }

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, PathParams path);
    }

    record Route(String method, String template, Pattern pattern, Handler handler, boolean appJwt) {
        /** How requests are counted: {@code GET /repos/{owner}/{repo}/actions/runners}. */
        String endpoint() {
            return method + " " + template;
        }
    }

    record Match(Route route, PathParams path) {
        ApiResponse handle(ApiRequest request) {
            return route.handler().handle(request, path);
        }
    }

    /** Values of a template's {@code {name}} segments. */
    record PathParams(Map<String, String> values) {
        String get(String name) {
            return values.get(name);
        }

        /** A numeric id segment; anything else is a path GitHub does not know. */
        long id(String name) {
            try {
                return Long.parseLong(values.get(name));
            } catch (NumberFormatException e) {
                throw ApiException.notFound();
            }
        }
    }
}
