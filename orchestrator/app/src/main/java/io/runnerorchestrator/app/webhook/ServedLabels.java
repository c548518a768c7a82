package io.runnerorchestrator.app.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The labels our runners answer to: the configured ones plus the defaults GitHub gives every
 * self-hosted Linux x64 runner. GitHub matches labels without regard to case.
 */
public final class ServedLabels {

    private static final List<String> GITHUB_DEFAULTS = List.of("self-hosted", "linux", "x64");

    private final Set<String> labels;

    public ServedLabels(List<String> configured) {
        this.labels = Stream.concat(configured.stream(), GITHUB_DEFAULTS.stream())
                .map(ServedLabels::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when one of our runners could take a job with these runs-on labels: it has every one. */
    public boolean serves(List<String> runsOn) {
        return !runsOn.isEmpty() && runsOn.stream().map(ServedLabels::normalize).allMatch(labels::contains);
    }

    private static String normalize(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return labels.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
