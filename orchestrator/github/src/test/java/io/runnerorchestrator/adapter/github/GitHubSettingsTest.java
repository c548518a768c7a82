package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubScope;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitHubSettingsTest {

    private static final GitHubScope SCOPE = GitHubScope.ofRepository("acme/app");

    @Test
    void tokenIsSentAsBearerButNeverPrinted() {
        PersonalAccessToken token = new PersonalAccessToken(" ghp_secret123 ");

        assertThat(token.authorizationHeader()).isEqualTo("Bearer ghp_secret123");
        assertThat(token.toString()).doesNotContain("ghp_secret123");
    }

    @Test
    void emptyOrMangledTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new PersonalAccessToken("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new PersonalAccessToken("ghp_a b")).hasMessageContaining("whitespace")
                .hasMessageNotContaining("ghp_a");
    }

    @Test
    void apiUrlLosesItsTrailingSlashSoPathsJoinCleanly() {
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create("https://ghe.example.com/api/v3/"), SCOPE);

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(new GitHubEndpoints(settings.apiUrl(), SCOPE).listRunners().uri())
                .isEqualTo(URI.create("https://ghe.example.com/api/v3/repos/acme/app/actions/runners?per_page=100"));
    }

    @Test
    void badApiUrlIsRefusedNamingIt() {
        assertThatThrownBy(() -> GitHubApiSettings.defaults(URI.create("ftp://github.com"), SCOPE))
                .hasMessageContaining("ftp://github.com");
        assertThatThrownBy(() -> GitHubApiSettings.defaults(URI.create("https://api.github.com?x=1"), SCOPE))
                .hasMessageContaining("no query");
    }

    @Test
    void endpointsNameTheTemplateOfTheirScope() {
        GitHubEndpoints org = new GitHubEndpoints(URI.create("https://api.github.com"), GitHubScope.ofOrganization("acme"));

        assertThat(org.deleteRunner(7).endpoint()).isEqualTo("DELETE /orgs/{org}/actions/runners/{runner_id}");
        assertThat(org.deleteRunner(7).uri().getPath()).isEqualTo("/orgs/acme/actions/runners/7");
        assertThat(org.runJobs("acme/app", 42).describe())
                .isEqualTo("GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs (/repos/acme/app/actions/runs/42/jobs?filter=latest&per_page=100)");
    }
}
