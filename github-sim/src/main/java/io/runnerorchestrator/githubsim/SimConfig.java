package io.runnerorchestrator.githubsim;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a {@link GitHubSimulator} is set up: where it listens, which tokens it accepts, which
 * repositories exist, when a silent runner counts as offline, the primary rate limit, and
 * optionally a GitHub App ({@code app}, null when none) whose JWTs and installation tokens it
 * accepts, and the path the REST API is served under ({@code pathPrefix}: empty as on github.com,
 * {@code /api/v3} as on GitHub Enterprise Server). Tokens are credentials: {@link #toString()}
 * never prints them.
 */
public record SimConfig(
        String host,
        int port,
        Set<String> tokens,
        List<String> repositories,
        Duration offlineAfter,
        int rateLimit,
        Clock clock,
        GitHubAppConfig app,
        String pathPrefix,
        Duration messagePollWait) {

    private static final Pattern PATH_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    public SimConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(offlineAfter, "offlineAfter");
        Objects.requireNonNull(clock, "clock");
        tokens = Set.copyOf(tokens);
        repositories = List.copyOf(repositories);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one token is required");
        }
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("at least one repository (owner/name) is required");
        }
        repositories.forEach(SimConfig::requireOwnerAndName);
        if (offlineAfter.isNegative() || offlineAfter.isZero()) {
            throw new IllegalArgumentException("offlineAfter must be positive, got " + offlineAfter);
        }
        if (rateLimit <= 0) {
            throw new IllegalArgumentException("rateLimit must be positive, got " + rateLimit);
        }
        Objects.requireNonNull(messagePollWait, "messagePollWait");
        if (messagePollWait.isNegative()) {
            throw new IllegalArgumentException("messagePollWait must not be negative, got " + messagePollWait);
        }
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!PATH_PREFIX.matcher(pathPrefix).matches() || pathPrefix.startsWith("/_sim")) {
            throw new IllegalArgumentException("pathPrefix must be empty or like /api/v3 (no trailing slash, not /_sim), got '"
                    + pathPrefix + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireOwnerAndName(String repository) {
        int slash = repository.indexOf('/');
        if (slash <= 0 || slash != repository.lastIndexOf('/') || slash == repository.length() - 1) {
            throw new IllegalArgumentException("repository must be owner/name, got '" + repository + "'");
        }
    }

    @Override
    public String toString() {
        return "SimConfig[host=" + host + ", port=" + port + ", tokens=<" + tokens.size() + " redacted>"
                + ", repositories=" + repositories + ", offlineAfter=" + offlineAfter
                + ", rateLimit=" + rateLimit + ", app=" + app + ", pathPrefix=" + pathPrefix
                + ", messagePollWait=" + messagePollWait + "]";
    }

    /** Defaults: 127.0.0.1, ephemeral port, offline after 5 s, 5,000 requests an hour, a clock
     * that starts at the wall time and then only moves with a monotonic ticker ({@link MonotonicClock}). */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Set<String> tokens = new LinkedHashSet<>();
        private final List<String> repositories = new ArrayList<>();
        private Duration offlineAfter = Duration.ofSeconds(5);
        private int rateLimit = 5000;
        private Clock clock = MonotonicClock.startingNow();
        private GitHubAppConfig app;
        private String pathPrefix = "";
        private Duration messagePollWait = Duration.ofSeconds(50);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder token(String token) {
            tokens.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        public Builder repository(String ownerAndName) {
            repositories.add(Objects.requireNonNull(ownerAndName, "repository"));
            return this;
        }

        public Builder offlineAfter(Duration offlineAfter) {
            this.offlineAfter = offlineAfter;
            return this;
        }

        public Builder rateLimit(int requestsPerHour) {
            this.rateLimit = requestsPerHour;
            return this;
        }

        /** The clock for timestamps, token expiry, rate-limit windows and offline detection. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Accepts JWTs of this GitHub App (RS256, {@code iss} = {@code issuer}, the app ID or client
         * ID) and the installation tokens it creates; one installation per organisation.
         */
        public Builder githubApp(String issuer, PublicKey publicKey) {
            this.app = new GitHubAppConfig(issuer, publicKey);
            return this;
        }

        /**
         * Serves the REST API under this path, as GitHub Enterprise Server does under {@code /api/v3};
         * the web URL runners register against and {@code /_sim} stay at the root.
         */
        public Builder pathPrefix(String pathPrefix) {
            this.pathPrefix = pathPrefix;
            return this;
        }

        /**
         * How long the scale-set message queue's long poll waits for a message before it answers 202
         * (the Actions service: about 50 s; tests use a second or two).
         */
        public Builder messagePollWait(Duration messagePollWait) {
            this.messagePollWait = messagePollWait;
            return this;
        }

        public SimConfig build() {
            return new SimConfig(host, port, tokens, repositories, offlineAfter, rateLimit, clock, app, pathPrefix,
                    messagePollWait);
        }
    }
}
