package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubCredentials;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.GitHubRestClient;
import io.runnerorchestrator.core.port.GitHubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signs requests in as a GitHub App installation: an installation token, fetched with the app's
 * JWT on first use and fetched again {@code refreshMargin} before it expires (tokens live an hour).
 * Thread-safe; one refresh at a time, while other threads keep using the current token as long as
 * it is valid. A token GitHub answers 401 to is dropped, so the next request fetches a new one.
 */
public final class GitHubAppCredentials implements GitHubCredentials {

    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(GitHubAppCredentials.class);

    private final AppInstallation installation;
    private final Duration refreshMargin;
    private final Clock clock;
    private final String appId;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicReference<InstallationToken> current = new AtomicReference<>();

    /**
     * @param api      the API URL and scope; the app's own calls go there too, reported to {@code listener}
     */
    public GitHubAppCredentials(GitHubAppSettings app, GitHubApiSettings api, GitHubRequestListener listener, Clock clock,
                                Duration refreshMargin) {
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("token refresh margin must not be negative, got " + refreshMargin);
        }
        GitHubRestClient asApp = new GitHubRestClient(api, new AppJwt(app.appId(), app.privateKey(), clock), listener, clock);
        this.installation = new AppInstallation(app, api.scope(), asApp);
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.appId = app.appId();
    }

    public GitHubAppCredentials(GitHubAppSettings app, GitHubApiSettings api, GitHubRequestListener listener, Clock clock) {
        this(app, api, listener, clock, DEFAULT_REFRESH_MARGIN);
    }

    /** Throws {@link GitHubException} when no valid token can be had (wrong key, not installed, GitHub down). */
    @Override
    public String authorizationHeader() {
        InstallationToken token = current.get();
        if (token != null && !token.dueAt(clock.instant(), refreshMargin)) {
            return token.authorizationHeader();
        }
        if (token != null && token.validAt(clock.instant())) {
            if (!refreshing.tryLock()) {
                return token.authorizationHeader(); // another thread is fetching the next one
            }
        } else {
            refreshing.lock();
        }
        try {
            return refreshIfDue().authorizationHeader();
        } finally {
            refreshing.unlock();
        }
    }

    @Override
    public void rejected(String authorizationHeader) {
        InstallationToken token = current.get();
        if (token != null && token.authorizationHeader().equals(authorizationHeader) && current.compareAndSet(token, null)) {
            log.warn("github.app_token_rejected app_id={} expires_at={}", appId, token.expiresAt());
        }
    }

    private InstallationToken refreshIfDue() {
        InstallationToken token = current.get();
        Instant now = clock.instant();
        if (token != null && !token.dueAt(now, refreshMargin)) {
            return token; // fetched while this thread waited for the lock
        }
        try {
            InstallationToken fresh = installation.createToken();
            current.set(fresh);
            log.info("github.app_token_refreshed app_id={} expires_at={}", appId, fresh.expiresAt());
            return fresh;
        } catch (GitHubException e) {
            if (token != null && token.validAt(now) && e.kind().retryable()) {
                log.warn("github.app_token_refresh_failed app_id={} kind={} keeping_until={} error={}",
                        appId, e.kind(), token.expiresAt(), e.getMessage());
                return token;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "GitHubAppCredentials[app=" + appId + ", <redacted>]";
    }
}
