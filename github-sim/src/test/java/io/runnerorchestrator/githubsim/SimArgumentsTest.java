package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimArgumentsTest {

    @Test
    void argumentsBuildTheConfig() {
        SimConfig config = SimArguments.parse(new String[] {"--port", "9999", "--token", "X", "--repo", "acme/app",
                "--repo", "acme/api", "--offline-after-s", "7", "--rate-limit", "100"}, Map.of());
        assertThat(config.port()).isEqualTo(9999);
        assertThat(config.tokens()).containsExactly("X");
        assertThat(config.repositories()).containsExactly("acme/app", "acme/api");
        assertThat(config.offlineAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.rateLimit()).isEqualTo(100);
        assertThat(config.toString()).doesNotContain("X,").contains("redacted");
    }

    @Test
    void environmentFillsWhatArgumentsLeaveOut() {
        SimConfig config = SimArguments.parse(new String[] {"--repo", "acme/app"},
                Map.of("SIM_PORT", "8123", "SIM_TOKEN", "a,b", "SIM_REPOS", "other/x"));
        assertThat(config.port()).isEqualTo(8123);
        assertThat(config.tokens()).isEqualTo(Set.of("a", "b"));
        assertThat(config.repositories()).isEqualTo(List.of("acme/app"));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> SimArguments.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimArguments.parse(new String[] {"--port", "x"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimArguments.parse(new String[] {"--token", "t", "--repo", "noslash"}, Map.of()))
                .hasMessageContaining("noslash");
        assertThatThrownBy(() -> SimArguments.parse(new String[] {"--repo", "a/b"}, Map.of()))
                .hasMessageContaining("token");
    }
}
