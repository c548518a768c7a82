package io.runnerorchestrator.app.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GitHub's own workflow_job payload examples (octokit/webhooks, MIT), copied into test resources. */
final class Examples {

    static final String QUEUED_FOR_K8S = "queued.with-deployment.payload.json";
    static final long QUEUED_FOR_K8S_JOB = 12877621891L;
    static final String QUEUED_FOR_UBUNTU = "queued.payload.json";
    static final String IN_PROGRESS = "in_progress.payload.json";
    static final String WAITING = "waiting.payload.json";

    private Examples() {
    }

    static byte[] read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/github/workflow_job/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
