package io.runnerorchestrator.adapter.github;

/** A classic or fine-grained personal access token, sent as {@code Bearer}. Never printed. */
public final class PersonalAccessToken implements GitHubCredentials {

    private final String token;

    public PersonalAccessToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("GitHub token is empty: set a personal access token");
        }
        if (token.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("GitHub token contains whitespace: check how it was pasted");
        }
        this.token = token.strip();
    }

    @Override
    public String authorizationHeader() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "PersonalAccessToken[<redacted>]";
    }
}
