package io.runnerorchestrator.demo;

import io.runnerorchestrator.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSettingsTest {

    @Test
    void withoutABurstIntervalBurstsComeAtRandomGaps() {
        assertThat(DemoSettings.from(Map.of()).burstInterval()).isEmpty();
        assertThat(DemoSettings.from(Map.of(DemoSettings.BURST_INTERVAL, "  ")).burstInterval()).isEmpty();
    }

    @Test
    void aBurstIntervalTakesTheUsualDurationForms() {
        assertThat(DemoSettings.from(Map.of(DemoSettings.BURST_INTERVAL, "5s")).burstInterval())
                .contains(Duration.ofSeconds(5));
        assertThat(DemoSettings.from(Map.of(DemoSettings.BURST_INTERVAL, "1500ms")).burstInterval())
                .contains(Duration.ofMillis(1500));
    }

    @Test
    void aBadBurstIntervalIsOneLineNamingTheVariable() {
        assertThatThrownBy(() -> DemoSettings.from(Map.of(DemoSettings.BURST_INTERVAL, "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ORCHESTRATOR_DEMO_BURST_INTERVAL='soon' is not a duration");
        assertThatThrownBy(() -> DemoSettings.from(Map.of(DemoSettings.BURST_INTERVAL, "200ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ORCHESTRATOR_DEMO_BURST_INTERVAL=200ms must be at least 1s");
    }
}
