package io.runnerorchestrator.core.port;

/** A just-in-time registration. The encoded config is a credential: it is never printed. */
public record JitRunner(GitHubRunner runner, String encodedJitConfig) {
    @Override
    public String toString() {
        return "JitRunner[runner=" + runner + ", encodedJitConfig=<redacted>]";
    }
}
