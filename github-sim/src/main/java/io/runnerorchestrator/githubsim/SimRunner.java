package io.runnerorchestrator.githubsim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A registered self-hosted runner (immutable; the world replaces it on each change). It counts
 * as online while it long-polls for a job or while its last call is younger than offlineAfter.
 * {@code session} changes when the runner disconnects, which ends polls of the old session.
 */
record SimRunner(
        long id,
        String name,
        Scope scope,
        List<String> customLabels,
        boolean ephemeral,
        Instant lastContact,
        int activePolls,
        Long jobId,
        int session) {

    /** The labels every runner carries unless configured with --no-default-labels. */
    static final List<String> READ_ONLY_LABELS = List.of("self-hosted", "Linux", "X64");

    SimRunner {
        customLabels = customLabels.stream()
                .filter(label -> READ_ONLY_LABELS.stream().noneMatch(label::equalsIgnoreCase))
                .distinct()
                .toList();
    }

    static SimRunner registered(long id, String name, Scope scope, List<String> customLabels, boolean ephemeral) {
        return new SimRunner(id, name, scope, customLabels, ephemeral, null, 0, null, 0);
    }

    List<String> labels() {
        return Stream.concat(READ_ONLY_LABELS.stream(), customLabels.stream()).toList();
    }

    boolean hasLabel(String label) {
        return labels().stream().anyMatch(label::equalsIgnoreCase);
    }

    boolean online(Instant now, Duration offlineAfter) {
        return activePolls > 0 || (lastContact != null && now.isBefore(lastContact.plus(offlineAfter)));
    }

    boolean busy() {
        return jobId != null;
    }

    SimRunner contacted(Instant now) {
        return new SimRunner(id, name, scope, customLabels, ephemeral, now, activePolls, jobId, session);
    }

    SimRunner pollStarted(Instant now) {
        return new SimRunner(id, name, scope, customLabels, ephemeral, now, activePolls + 1, jobId, session);
    }

    /** A poll of the current session ended now; one of an older session leaves the contact time alone. */
    SimRunner pollEnded(int pollSession, Instant now) {
        Instant contact = pollSession == session ? now : lastContact;
        return new SimRunner(id, name, scope, customLabels, ephemeral, contact, activePolls - 1, jobId, session);
    }

    SimRunner withJob(Long newJobId) {
        return new SimRunner(id, name, scope, customLabels, ephemeral, lastContact, activePolls, newJobId, session);
    }

    /** The runner said goodbye: offline at once, no job, a new session for the next connect. */
    SimRunner disconnected() {
        return new SimRunner(id, name, scope, customLabels, ephemeral, null, activePolls, null, session + 1);
    }
}
