package io.runnerorchestrator.adapter.swarm;

/**
 * One secret of a runner as it will be handed over: a Docker secret named {@code secretName} with
 * {@code content}, mounted read-only at {@code target} for the runner user. The content is never
 * printed.
 */
record RunnerSecret(String secretName, String target, String content) {

    @Override
    public String toString() {
        return "RunnerSecret[secretName=" + secretName + ", target=" + target + ", content=<redacted>]";
    }
}
