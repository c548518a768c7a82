package io.runnerorchestrator.githubsim;

import java.util.Locale;
import java.util.Objects;

/** Where a runner is registered: an organisation, or one repository ({@code owner/name}) of it. */
record Scope(String organization, String repository) {

    Scope {
        Objects.requireNonNull(organization, "organization");
    }

    static Scope ofRepository(String ownerAndName) {
        return new Scope(ownerAndName.substring(0, ownerAndName.indexOf('/')), ownerAndName);
    }

    static Scope ofOrganization(String organization) {
        return new Scope(organization, null);
    }

    boolean isOrganization() {
        return repository == null;
    }

    /** The web path runners register against: {@code /owner/name} or {@code /org}. */
    String webPath() {
        return "/" + (isOrganization() ? organization : repository);
    }

    /** Whether a runner of this scope may take jobs of the repository. */
    boolean covers(String ownerAndName) {
        return isOrganization()
                ? ownerAndName.toLowerCase(Locale.ROOT).startsWith(organization.toLowerCase(Locale.ROOT) + "/")
                : repository.equalsIgnoreCase(ownerAndName);
    }

    @Override
    public String toString() {
        return isOrganization() ? "org:" + organization : "repo:" + repository;
    }
}
