package io.runnerorchestrator.githubsim;

/** Finds the repository or organisation a path names, or answers 404 as GitHub does. */
final class ScopeResolver {
    private final SimWorld world;

    ScopeResolver(SimWorld world) {
        this.world = world;
    }

    /** {@code {owner}/{repo}} or {@code {org}} in the path. */
    Scope scope(Router.PathParams path) {
        return path.get("org") != null
                ? Scope.ofOrganization(organization(path))
                : Scope.ofRepository(repository(path));
    }

    String repository(Router.PathParams path) {
        return world.repository(path.get("owner"), path.get("repo")).orElseThrow(ApiException::notFound);
    }

    String organization(Router.PathParams path) {
        return world.organization(path.get("org")).orElseThrow(ApiException::notFound);
    }
}
