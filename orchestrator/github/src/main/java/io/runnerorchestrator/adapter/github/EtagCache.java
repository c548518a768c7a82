package io.runnerorchestrator.adapter.github;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The last 200 answer per GET URL with its ETag, so the next request can be conditional: GitHub
 * answers 304 without charging the rate limit, and the cached body stands in. Least recently used
 * entries go first once {@code capacity} URLs or {@code maxChars} characters of bodies are held; a
 * body larger than that is not cached at all.
 */
final class EtagCache {

    record Entry(String etag, String body, String link) {
        long chars() {
            return (long) etag.length() + body.length() + (link == null ? 0 : link.length());
        }
    }

    private final int capacity;
    private final long maxChars;
    private final LinkedHashMap<URI, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    EtagCache(int capacity, long maxChars) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ETag cache capacity must be at least 1, got " + capacity);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("ETag cache size must be at least 1 character, got " + maxChars);
        }
        this.capacity = capacity;
        this.maxChars = maxChars;
    }

    synchronized Optional<Entry> get(URI uri) {
        return Optional.ofNullable(entries.get(uri));
    }

    synchronized void put(URI uri, Entry entry) {
        Entry previous = entries.remove(uri);
        if (previous != null) {
            chars -= previous.chars();
        }
        if (entry.chars() > maxChars) {
            return;
        }
        entries.put(uri, entry);
        chars += entry.chars();
        var eldest = entries.entrySet().iterator();
        while (entries.size() > capacity || chars > maxChars) {
            chars -= eldest.next().getValue().chars();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** Characters of the bodies, ETags and links held. */
    synchronized long chars() {
        return chars;
    }
}
