package io.runnerorchestrator.githubsim;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * How a simulated runner introduces itself: a JIT config, or a registration token with the
 * runner's name, labels and the web URL of its scope ({@code http://host:port/owner/repo}).
 * Both hold credentials: {@link #toString()} never prints them.
 */
public record RunnerRegistration(URI apiBase, String name, String connectBody, boolean ephemeral) {

    public RunnerRegistration {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectBody, "connectBody");
    }

    /** From {@code encoded_jit_config}: the URL and name are read from the config itself. */
    public static RunnerRegistration jit(String encodedJitConfig) {
        var config = Json.readObject(decode(encodedJitConfig));
        String url = config.path("url").asString("");
        String name = config.path("name").asString("");
        if (url.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("JIT config lacks url or name");
        }
        String body = Json.write(Json.object().put("jit_config", encodedJitConfig.trim()));
        return new RunnerRegistration(URI.create(url), name, body, true);
    }

    /** Token mode, as {@code config.sh --url <scopeUrl> --token <token> --name --labels [--ephemeral]}. */
    public static RunnerRegistration token(String scopeUrl, String token, String name, List<String> labels,
                                           boolean ephemeral) {
        URI scope = URI.create(scopeUrl);
        var body = Json.object().put("token", token).put("name", name).put("url", scopeUrl).put("ephemeral", ephemeral);
        body.set("labels", Json.strings(labels));
        return new RunnerRegistration(scope.resolve("/"), name, Json.write(body), ephemeral);
    }

    private static byte[] decode(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded.trim().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JIT config is not base64", e);
        }
    }

    @Override
    public String toString() {
        return "RunnerRegistration[apiBase=" + apiBase + ", name=" + name + ", ephemeral=" + ephemeral
                + ", credentials=<redacted>]";
    }
}
