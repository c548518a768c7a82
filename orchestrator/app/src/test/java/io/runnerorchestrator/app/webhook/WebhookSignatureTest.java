package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.config.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    /** GitHub's documented test vector (docs: "Validating webhook deliveries"). */
    private static final WebhookSignature GITHUB = new WebhookSignature(Secret.of("It's a Secret to Everybody"));
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signsGitHubsTestVectorLikeGitHub() {
        assertThat(GITHUB.sign(HELLO)).isEqualTo(HELLO_SIGNATURE);
    }

    @Test
    void acceptsGitHubsTestVector() {
        assertThat(GITHUB.matches(HELLO, HELLO_SIGNATURE)).isTrue();
    }

    @Test
    void refusesAnotherBody() {
        assertThat(GITHUB.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), HELLO_SIGNATURE)).isFalse();
    }

    @Test
    void refusesAnotherSecret() {
        WebhookSignature other = new WebhookSignature(Secret.of("It's a Secret to Somebody"));

        assertThat(other.matches(HELLO, HELLO_SIGNATURE)).isFalse();
    }

    @Test
    void refusesTheHexWithoutItsPrefixAndAMissingHeader() {
        assertThat(GITHUB.matches(HELLO, HELLO_SIGNATURE.substring("sha256=".length()))).isFalse();
        assertThat(GITHUB.matches(HELLO, null)).isFalse();
        assertThat(GITHUB.matches(HELLO, "")).isFalse();
    }
}
