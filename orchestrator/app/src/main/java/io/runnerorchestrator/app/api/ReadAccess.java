package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.config.HttpSettings;
import io.runnerorchestrator.core.config.Secret;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may read the status, the runners, the event stream and the dashboard. Open while
 * API_READ_TOKEN is unset; once it is set, a reader shows it or API_TOKEN, either as
 * {@code Authorization: Bearer <token>} (scripts) or as the dashboard's cookie (a browser cannot put a
 * header on a page load or an EventSource). The cookie holds a hash of the token, never the token, and
 * only ever grants reading: every change still needs the API_TOKEN header, so no cross-site form can
 * act through it.
 */
public final class ReadAccess {

    public static final String COOKIE = "ro_read";
    private static final String BEARER = "Bearer ";
    /** Keeps the cookie from being a plain hash of the token that other tools might also store. */
    private static final String COOKIE_SALT = "runner-orchestrator dashboard read access:";

    private final List<byte[]> tokenHashes;
    private final List<String> cookieValues;

    public ReadAccess(HttpSettings http) {
        List<Secret> tokens = http.apiReadToken().isEmpty() ? List.of()
                : Stream.of(http.apiReadToken(), http.apiToken()).flatMap(Optional::stream).toList();
        this.tokenHashes = tokens.stream().map(t -> sha256(t.reveal())).toList();
        this.cookieValues = tokens.stream().map(t -> cookieValue(t.reveal())).toList();
    }

    /** Whether reading needs a token at all (API_READ_TOKEN is set). */
    public boolean restricted() {
        return !tokenHashes.isEmpty();
    }

    /** Whether {@code request} carries a token (header or cookie) that may read. */
    public boolean allows(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        String cookie = cookies == null ? null : Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst().orElse(null);
        return allows(request.getHeader(HttpHeaders.AUTHORIZATION), cookie);
    }

    /** @param authorization the Authorization header, or null; @param cookie the {@link #COOKIE} value, or null */
    public boolean allows(String authorization, String cookie) {
        if (!restricted()) {
            return true;
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matchesAny(authorization.substring(BEARER.length()).strip())) {
            return true;
        }
        if (cookie != null) {
            byte[] given = cookie.getBytes(StandardCharsets.US_ASCII);
            return cookieValues.stream().anyMatch(v -> MessageDigest.isEqual(v.getBytes(StandardCharsets.US_ASCII), given));
        }
        return false;
    }

    /** The cookie to set after a reader typed {@code token} into the sign-in form; empty when it matches nothing. */
    public Optional<String> cookieFor(String token) {
        if (token == null || !matchesAny(token.strip())) {
            return Optional.empty();
        }
        return Optional.of(cookieValue(token.strip()));
    }

    /** Compared as hashes in constant time, so neither content nor length leaks through timing. */
    private boolean matchesAny(String token) {
        byte[] given = sha256(token);
        boolean match = false;
        for (byte[] expected : tokenHashes) {
            match |= MessageDigest.isEqual(given, expected);
        }
        return match;
    }

    private static String cookieValue(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(COOKIE_SALT + token));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
