package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.policy.BenchPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line's modes: scale-set mode beside webhook and polling, and which policies it runs. */
class BenchOptionsTest {

    @Test
    void everyModeRunsByDefaultAndScaleSetModeRunsDemandAndOursUnlessPoliciesAreNamed() {
        BenchOptions defaults = BenchOptions.parse();

        assertThat(defaults.modes()).containsExactly(Mode.WEBHOOK, Mode.POLLING, Mode.SCALESET);
        assertThat(defaults.policiesFor(Mode.WEBHOOK)).containsExactly(BenchPolicy.values());
        assertThat(defaults.policiesFor(Mode.SCALESET)).containsExactly(BenchPolicy.DEMAND, BenchPolicy.OURS);
    }

    @Test
    void namedModesAndPoliciesRunAsNamed() {
        BenchOptions options = BenchOptions.parse("--mode", "scaleset", "--mode", "webhook", "--policy", "static");

        assertThat(options.modes()).containsExactly(Mode.SCALESET, Mode.WEBHOOK);
        assertThat(options.policiesFor(Mode.SCALESET)).containsExactly(BenchPolicy.STATIC);
        assertThatThrownBy(() -> BenchOptions.parse("--mode", "grpc")).hasMessageContaining("scaleset");
    }
}
