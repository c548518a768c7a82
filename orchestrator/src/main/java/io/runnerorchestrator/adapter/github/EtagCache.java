package io.runnerorchestrator.adapter.github;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last 200 answer per GET URL with its ETag, so the next request can be conditional: GitHub
 * answers 304 without charging the rate limit, and the cached body stands in. Least recently used
 * entries go first once {@code capacity} URLs are held.
 */
final class EtagCache {

    record Entry(String etag, String body, String link) {
    }

    private final Map<URI, Entry> entries;

    EtagCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ETag cache capacity must be at least 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Entry> get(URI uri) {
        return Optional.ofNullable(entries.get(uri));
    }

    synchronized void put(URI uri, Entry entry) {
        entries.put(uri, entry);
    }

    synchronized int size() {
        return entries.size();
    }
}
