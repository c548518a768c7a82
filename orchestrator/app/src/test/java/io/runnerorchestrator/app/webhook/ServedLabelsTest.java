package io.runnerorchestrator.app.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServedLabelsTest {

    private final ServedLabels served = new ServedLabels(List.of("gpu", "Build"));

    @ParameterizedTest(name = "runs-on [{0}] served: {1}")
    @CsvSource(delimiter = '|', value = {
            "self-hosted|true",
            "self-hosted,linux,x64|true",
            "Self-Hosted,Linux,X64|true",
            "self-hosted,gpu|true",
            "self-hosted,BUILD,gpu|true",
            "self-hosted,arm64|false",
            "ubuntu-latest|false",
            "self-hosted,k8s|false",
            "''|false"})
    void servesAJobOnlyWhenItHasEveryRunsOnLabel(String runsOn, boolean expected) {
        List<String> labels = runsOn.isEmpty() ? List.of() : Arrays.asList(runsOn.split(","));

        assertThat(served.serves(labels)).isEqualTo(expected);
    }
}
