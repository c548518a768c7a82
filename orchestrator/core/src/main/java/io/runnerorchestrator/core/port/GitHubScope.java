package io.runnerorchestrator.core.port;

import java.util.Objects;

/** The one place runners are registered: a repository ({@code owner/name}) or an organisation. */
public record GitHubScope(String organization, String repository) {

    public GitHubScope {
        Objects.requireNonNull(organization, "organization");
    }

    public static GitHubScope ofRepository(String ownerAndName) {
        int slash = ownerAndName.indexOf('/');
        if (slash <= 0 || slash != ownerAndName.lastIndexOf('/') || slash == ownerAndName.length() - 1) {
            throw new IllegalArgumentException("expected owner/repo, got '" + ownerAndName + "'");
        }
        return new GitHubScope(ownerAndName.substring(0, slash), ownerAndName);
    }

    public static GitHubScope ofOrganization(String org) {
        return new GitHubScope(org, null);
    }

    public boolean isOrganization() {
        return repository == null;
    }

    /** REST path prefix: {@code /repos/owner/name} or {@code /orgs/org}. */
    public String apiPath() {
        return isOrganization() ? "/orgs/" + organization : "/repos/" + repository;
    }

    /** Web path under GITHUB_URL that runners register against: {@code /owner/name} or {@code /org}. */
    public String webPath() {
        return "/" + (isOrganization() ? organization : repository);
    }

    @Override
    public String toString() {
        return isOrganization() ? "org:" + organization : "repo:" + repository;
    }
}
