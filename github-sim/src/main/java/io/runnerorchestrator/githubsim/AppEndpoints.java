package io.runnerorchestrator.githubsim;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The GitHub App endpoints (authenticated with the app's JWT): the app, the installation of a
 * repository or organisation (one per organisation), and installation access tokens.
 */
final class AppEndpoints {
    private static final long FIRST_INSTALLATION_ID = 40_000_001;

    private final ScopeResolver scopes;
    private final AppAuthenticator authenticator;
    private final GitHubJson json;
    private final String apiUrl;
    private final List<String> organizations;

    AppEndpoints(SimWorld world, AppAuthenticator authenticator, GitHubJson json, String apiUrl,
                 List<String> repositories) {
        this.scopes = new ScopeResolver(world);
        this.authenticator = authenticator;
        this.json = json;
        this.apiUrl = apiUrl;
        this.organizations = repositories.stream().map(repo -> repo.substring(0, repo.indexOf('/'))).distinct().toList();
    }

    void register(Router router) {
        router.addForApp("GET", "/repos/{owner}/{repo}/installation",
                        (request, path) -> installation(Scope.ofRepository(scopes.repository(path)).organization()))
                .addForApp("GET", "/orgs/{org}/installation",
                        (request, path) -> installation(scopes.organization(path)))
                .addForApp("POST", "/app/installations/{installation_id}/access_tokens", this::accessToken);
    }

    private ApiResponse installation(String org) {
        long id = FIRST_INSTALLATION_ID + organizations.indexOf(org);
        ObjectNode body = Json.object().put("id", id);
        body.set("account", json.organization(org));
        body.put("repository_selection", "all")
                .put("access_tokens_url", apiUrl + "/app/installations/" + id + "/access_tokens")
                .put("target_type", "Organization");
        body.set("permissions", permissions());
        return ApiResponse.json(200, body);
    }

    private ApiResponse accessToken(ApiRequest request, Router.PathParams path) {
        long index = path.id("installation_id") - FIRST_INSTALLATION_ID;
        if (index < 0 || index >= organizations.size()) {
            throw ApiException.notFound();
        }
        AppAuthenticator.Issued issued = authenticator.issueInstallationToken();
        ObjectNode body = Json.object()
                .put("token", issued.token())
                .put("expires_at", Timestamps.iso(issued.expiresAt()));
        body.set("permissions", permissions());
        body.put("repository_selection", "all");
        return ApiResponse.json(201, body);
    }

    private static ObjectNode permissions() {
        return Json.object()
                .put("administration", "write")
                .put("organization_self_hosted_runners", "write")
                .put("actions", "read")
                .put("metadata", "read");
    }
}
