package io.runnerorchestrator.adapter.github;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses an RFC 8288 {@code Link} header as GitHub sends it: {@code <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private final Map<String, URI> byRel;

    private LinkHeader(Map<String, URI> byRel) {
        this.byRel = byRel;
    }

    /** An absent or blank header has no links; links with unparsable URLs are ignored. */
    static LinkHeader parse(String header) {
        Map<String, URI> links = new LinkedHashMap<>();
        if (header != null) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Optional<URI> uri = toUri(link.group(1).trim());
                Matcher rel = REL.matcher(link.group(2));
                if (uri.isPresent() && rel.find()) {
                    // rel may list several space-separated relation types
                    for (String type : rel.group(1).trim().split("\\s+")) {
                        links.putIfAbsent(type.toLowerCase(), uri.get());
                    }
                }
            }
        }
        return new LinkHeader(links);
    }

    Optional<URI> next() {
        return rel("next");
    }

    Optional<URI> rel(String type) {
        return Optional.ofNullable(byRel.get(type));
    }

    private static Optional<URI> toUri(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
