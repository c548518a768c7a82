package io.runnerorchestrator.adapter.github;

import com.sun.net.httpserver.HttpServer;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What GitHub sends is read within bounds: body size, pages of a list, the ETag cache. */
class GitHubBoundsTest {

    private static final String LIST_RUNNERS = "GET /repos/{owner}/{repo}/actions/runners";
    private static final GitHubScope SCOPE = GitHubScope.ofRepository("acme/app");

    private final SimFixture fixture = new SimFixture("acme/app");
    private HttpServer server;

    @AfterEach
    void stop() {
        fixture.close();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aListWithMorePagesThanTheCapIsRefusedClearly() {
        HttpGitHub github = fixture.client(SCOPE);
        for (int i = 0; i < 3; i++) {
            github.generateJitConfig(new JitRequest("runner-" + i, List.of("self-hosted"), 1, "_work"));
        }
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create(fixture.sim.baseUrl()), SCOPE);
        GitHubJson json = new GitHubJson();
        GitHubHttp http = new GitHubHttp(GitHubHttp.client(settings), settings, new PersonalAccessToken(SimFixture.TOKEN),
                fixture.events::add, Clock.systemUTC(), json.mapper());
        ApiRequest onePerPage = new ApiRequest("GET", LIST_RUNNERS,
                URI.create(fixture.sim.baseUrl() + "/repos/acme/app/actions/runners?per_page=1"), null);

        assertThat(new Pagination(http, json, 3).all(onePerPage, "runners")).hasSize(3);
        assertThatThrownBy(() -> new Pagination(http, json, 2).all(onePerPage, "runners"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.SERVER_ERROR))
                .hasMessage("GitHub's list has more than 2 pages (2 items so far) for " + LIST_RUNNERS
                        + " (/repos/acme/app/actions/runners?per_page=1); stopped reading, nothing decided on a partial list");
    }

    @Test
    void aBodyLargerThanTheCapIsNotRead() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = new byte[Integer.parseInt(exchange.getRequestURI().getQuery())];
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/?";

        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + 4096)).build(), BoundedBody.handler(4096))
                .body()).hasSize(4096);
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(base + 100_000)).build(),
                BoundedBody.handler(4096)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(BoundedBody.tooLarge(e)).isTrue());
    }

    @Test
    void theEtagCacheIsBoundedInCharactersAndDropsTheLeastRecentlyUsed() {
        EtagCache cache = new EtagCache(100, 1000);
        URI a = URI.create("http://x/a");
        URI b = URI.create("http://x/b");
        URI c = URI.create("http://x/c");
        cache.put(a, new EtagCache.Entry("e", "a".repeat(399), null));
        cache.put(b, new EtagCache.Entry("e", "b".repeat(399), null));
        cache.get(a);

        cache.put(c, new EtagCache.Entry("e", "c".repeat(399), null));

        assertThat(cache.get(b)).as("least recently used").isEmpty();
        assertThat(cache.get(a)).isPresent();
        assertThat(cache.get(c)).isPresent();
        assertThat(cache.chars()).isEqualTo(800);

        cache.put(a, new EtagCache.Entry("e", "too big".repeat(200), null));
        assertThat(cache.get(a)).as("a body larger than the whole cache is not kept").isEmpty();
        assertThat(cache.chars()).isEqualTo(400);
    }
}
