package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.testkit.TestKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppPrivateKeyTest {

    private static final KeyPair PAIR = TestKeys.rsa(2048);
    private static final String SOURCE = "GITHUB_APP_PRIVATE_KEY";

    @Test
    void readsThePkcs1FileGitHubHandsOut() {
        assertSameKey(AppPrivateKey.fromPem(TestKeys.pkcs1Pem(PAIR), SOURCE));
    }

    @Test
    void readsPkcs8() {
        assertSameKey(AppPrivateKey.fromPem(TestKeys.pkcs8Pem(PAIR), SOURCE));
    }

    @Test
    void readsAOneLineValueWithEscapedNewlinesAndTextAroundTheBlock() {
        String oneLine = "key file:\n" + TestKeys.pkcs1Pem(PAIR).replace("\n", "\\n");

        assertSameKey(AppPrivateKey.fromPem(oneLine, SOURCE));
    }

    @Test
    void neverPrintsTheKey() {
        AppPrivateKey key = AppPrivateKey.fromPem(TestKeys.pkcs1Pem(PAIR), SOURCE);

        assertThat(key.toString()).isEqualTo("AppPrivateKey[RSA 2048 bits, <redacted>]");
        assertThat(new GitHubAppSettings("42", java.util.Optional.empty(), key).toString())
                .doesNotContain(((RSAPrivateKey) PAIR.getPrivate()).getPrivateExponent().toString(16).substring(0, 16))
                .contains("<redacted>");
    }

    @Test
    void refusesWhatIsNotAnUnencryptedRsaKeyNamingTheSourceButNotTheValue() {
        String pem = TestKeys.pkcs1Pem(PAIR);
        String body = pem.lines().skip(1).findFirst().orElseThrow();

        assertRefused("not a PEM private key", "just some text " + body);
        assertRefused("not a readable RSA private key", pem.replace(body, body.substring(0, 40)));
        assertRefused("not a readable RSA private key", TestKeys.pem("PRIVATE KEY", new byte[]{1, 2, 3}));
        assertRefused("is encrypted", TestKeys.pem("ENCRYPTED PRIVATE KEY", PAIR.getPrivate().getEncoded()));
        assertRefused("holds a PEM 'EC PRIVATE KEY'", TestKeys.pem("EC PRIVATE KEY", new byte[]{1}));
        assertRefused("holds a PEM 'CERTIFICATE'", TestKeys.pem("CERTIFICATE", new byte[]{1}));
        assertRefused("is a 1024-bit RSA key; RS256 needs at least 2048", TestKeys.pkcs1Pem(TestKeys.rsa(1024)));
    }

    private static void assertRefused(String problem, String pem) {
        assertThatThrownBy(() -> AppPrivateKey.fromPem(pem, SOURCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SOURCE + " ")
                .hasMessageContaining(problem)
                .hasMessageNotContaining("MII")
                .satisfies(e -> pem.lines().filter(line -> line.length() >= 16 && !line.startsWith("-----")).forEach(line ->
                        assertThat(e.getMessage()).doesNotContain(line.substring(0, 16))));
    }

    private static void assertSameKey(AppPrivateKey key) {
        RSAPrivateKey expected = (RSAPrivateKey) PAIR.getPrivate();
        assertThat(key.rsa().getModulus()).isEqualTo(expected.getModulus());
        assertThat(key.rsa().getPrivateExponent()).isEqualTo(expected.getPrivateExponent());
        assertThat(key.bits()).isEqualTo(2048);
    }
}
