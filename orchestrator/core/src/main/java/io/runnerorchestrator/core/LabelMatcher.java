package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether our runners can take a job: every label of its {@code runs-on} must be one of theirs,
 * compared case-insensitively as GitHub does.
 */
public final class LabelMatcher {

    /** The labels every runner of ours carries besides the custom ones. */
    public static final List<String> DEFAULT_LABELS = List.of("self-hosted", "linux", "x64");

    private final List<String> runnerLabels;
    private final Set<String> folded = new LinkedHashSet<>();

    public LabelMatcher(List<String> customLabels) {
        Set<String> all = new LinkedHashSet<>();
        for (String label : concat(DEFAULT_LABELS, customLabels)) {
            if (folded.add(fold(label))) {
                all.add(label);
            }
        }
        this.runnerLabels = List.copyOf(all);
    }

    /** Default and custom labels, each once: what a runner of ours is registered with. */
    public List<String> runnerLabels() {
        return runnerLabels;
    }

    /** A job without labels is not ours: it would otherwise match every runner. */
    public boolean serves(QueuedJob job) {
        return !job.labels().isEmpty() && job.labels().stream().allMatch(label -> folded.contains(fold(label)));
    }

    private static String fold(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
