package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.RunnerLimits;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and checking of the runner container settings as an operator writes them. */
class RunnerLimitsTest {

    @ParameterizedTest
    @CsvSource({"1, 1000000000", "1.5, 1500000000", "0.25, 250000000", " 2 , 2000000000"})
    void cpusAreNanoCpus(String cpus, long nanoCpus) {
        assertThat(RunnerLimits.nanoCpus(cpus)).isEqualTo(nanoCpus);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "", "1,5"})
    void badCpusNameTheSetting(String cpus) {
        assertThatThrownBy(() -> RunnerLimits.nanoCpus(cpus))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ORCHESTRATOR_RUNNER_CPUS must be");
    }

    @ParameterizedTest
    @CsvSource({"2g, 2147483648", "512m, 536870912", "512M, 536870912", "1.5g, 1610612736", "8192k, 8388608",
            "10485760, 10485760", "64mb, 67108864", "1GiB, 1073741824"})
    void memoryTakesBinaryUnits(String memory, long bytes) {
        assertThat(RunnerLimits.memoryBytes(memory)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "2t", "", "-1g", "5m"})
    void badMemoryNamesTheSetting(String memory) {
        assertThatThrownBy(() -> RunnerLimits.memoryBytes(memory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ORCHESTRATOR_RUNNER_MEMORY must be");
    }

    @ParameterizedTest
    @CsvSource({"dind, DIND", "SOCKET, SOCKET", " none , NONE"})
    void dockerAccessIsParsedInAnyCase(String value, DockerAccess access) {
        assertThat(DockerAccess.parse(value)).isEqualTo(access);
    }

    @Test
    void unknownDockerAccessNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> DockerAccess.parse("rootless"))
                .hasMessage("ORCHESTRATOR_RUNNER_DOCKER must be dind, socket or none, got 'rootless'");
    }

    @Test
    void settingsRefuseABlankImage() {
        assertThatThrownBy(() -> new DockerRunnerSettings("i1", " ", RunnerNetwork.HOST, DockerAccess.NONE,
                Optional.empty(), Optional.empty()))
                .hasMessage("ORCHESTRATOR_RUNNER_IMAGE must not be blank");
    }

    @Test
    void settingsRefuseMemoryBelowDockersMinimum() {
        assertThatThrownBy(() -> new DockerRunnerSettings("i1", "img", RunnerNetwork.HOST, DockerAccess.NONE,
                Optional.empty(), Optional.of(1024L)))
                .hasMessageStartingWith("ORCHESTRATOR_RUNNER_MEMORY must be at least 6m");
    }
}
