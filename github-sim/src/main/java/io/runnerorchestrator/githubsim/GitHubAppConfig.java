package io.runnerorchestrator.githubsim;

import java.security.PublicKey;
import java.util.Objects;

/** A GitHub App the simulator knows: the JWT issuer it expects and the key that verifies them. */
public record GitHubAppConfig(String issuer, PublicKey publicKey) {
    public GitHubAppConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(publicKey, "publicKey");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("GitHub App issuer (app ID or client ID) must not be blank");
        }
    }

    @Override
    public String toString() {
        return "GitHubAppConfig[issuer=" + issuer + "]";
    }
}
