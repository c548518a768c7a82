package io.runnerorchestrator.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoBannerTest {

    @Test
    void theBannerSaysWhereToLookAndHowToStop() {
        String text = new DemoBanner(18080, "http://127.0.0.1:40001",
                RunnerChoice.simulated("no Docker engine reachable at unix:///nowhere.sock"),
                "bursts of 3-8 jobs every 30-60 s", "/api/v1/webhook").text();

        assertThat(text).contains(
                DemoBanner.FIRST_LINE,
                "no Docker engine reachable at unix:///nowhere.sock: using simulated runners",
                "bursts of 3-8 jobs every 30-60 s",
                "dashboard    http://127.0.0.1:18080/\n",
                "http://127.0.0.1:18080/api/v1/status",
                "http://127.0.0.1:18080/api/v1/runners",
                "http://127.0.0.1:18080/api/v1/metrics",
                "http://127.0.0.1:18080/docs",
                "http://127.0.0.1:18080/api/v1/webhook",
                "http://127.0.0.1:40001/_sim/state",
                "Ctrl-C to stop");
    }
}
