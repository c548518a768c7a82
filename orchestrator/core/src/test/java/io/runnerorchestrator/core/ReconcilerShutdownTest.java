package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerShutdownTest {
    private final TestWorld world = new TestWorld();

    @Test
    void shutdownRemovesIdleAndBootingRunnersAndLeavesBusyOnesToFinish() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.enqueue(4);
        reconciler.reconcileOnce();
        List<String> names = world.backend.names().stream().sorted().toList();
        names.subList(0, 3).forEach(world::boot);
        world.github.takeJob(names.get(0));
        world.github.takeJob(names.get(1));
        world.github.cancelQueued();
        world.enqueue(3);

        reconciler.shutdown(Duration.ofSeconds(30));

        assertThat(world.backend.names()).containsExactlyInAnyOrder(names.get(0), names.get(1));
        assertThat(world.github.runners()).allMatch(GitHubRunner::busy).hasSize(2);
        assertThat(reconciler.snapshot().shuttingDown()).isTrue();
        assertThat(reconciler.snapshot().queue()).allSatisfy(w ->
                assertThat(w.reason().kind()).isEqualTo(WaitReason.Kind.SHUTTING_DOWN));

        reconciler.reconcileOnce();
        assertThat(world.backend.started).as("no provisioning after shutdown").hasSize(4);
    }
}
