package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scaling by hand: within MAX, never below MIN, idle ones only, longest idle first, busy re-checked. */
class ManualScalingTest {
    private final TestWorld world = new TestWorld();
    private final List<String> passesRequested = new ArrayList<>();

    private ManualScaling manual(Reconciler reconciler) {
        return new ManualScaling(reconciler, passesRequested::add);
    }

    @Test
    void scaleUpStartsRunnersTheQueueDoesNotNeedAndTheyAreReapedAfterTheIdleTimeout() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 4, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();

        ManualScaling.Result result = manual(reconciler).scaleUp(2);

        assertThat(result.runners()).hasSize(2).allSatisfy(name -> assertThat(name).startsWith(TestWorld.PREFIX + "-"));
        assertThat(world.backend.names()).containsExactlyInAnyOrderElementsOf(result.runners());
        assertThat(world.metrics.scaledUp).containsExactly(StartReason.MANUAL, StartReason.MANUAL);
        assertThat(passesRequested).containsExactly("manual scale-up");

        world.bootAll();
        reconciler.reconcileOnce();
        world.later(Duration.ofMinutes(5).plusSeconds(1));
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).as("reaped like any idle runner above MIN").isEmpty();
    }

    @Test
    void scaleUpStopsAtMaxAndRefusesWhenAtMax() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 3, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();

        ManualScaling.Result result = manual(reconciler).scaleUp(5);

        assertThat(result.runners()).hasSize(2);
        assertThat(result.detail()).isEqualTo("started 2 of 5 requested (MAX_RUNNERS=3)");
        assertThat(world.backend.names()).hasSize(3);
        assertThatThrownBy(() -> manual(reconciler).scaleUp(1))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.CONFLICT))
                .hasMessage("at MAX_RUNNERS=3: 3 runner containers exist; remove one or raise MAX_RUNNERS");
        assertThat(world.backend.names()).hasSize(3);
    }

    @Test
    void scaleDownRemovesTheLongestIdleFirstAndKeepsMin() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());
        ManualScaling manual = manual(reconciler);
        String first = startIdle(reconciler, manual);
        world.later(Duration.ofSeconds(30));
        String second = startIdle(reconciler, manual);
        world.later(Duration.ofSeconds(30));
        String third = startIdle(reconciler, manual);

        ManualScaling.Result result = manual.scaleDown(5);

        assertThat(result.runners()).as("longest idle first, down to MIN=1").containsExactly(first, second);
        assertThat(world.backend.names()).containsExactly(third);
        assertThat(result.detail()).startsWith("removed 2 of 5 requested");
        assertThat(world.github.runners()).extracting(GitHubRunner::name).containsExactly(third);
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.MANUAL, RemovalReason.MANUAL);
        assertThatThrownBy(() -> manual.scaleDown(1)).hasMessage("at MIN_RUNNERS=1: 1 runners; lower MIN_RUNNERS to go below it");
    }

    private String startIdle(Reconciler reconciler, ManualScaling manual) {
        String name = manual.scaleUp(1).runners().get(0);
        world.bootAll();
        reconciler.reconcileOnce();
        return name;
    }

    @Test
    void scaleDownNeverTouchesBusyOrStartingRunners() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        ManualScaling manual = manual(reconciler);
        manual.scaleUp(2);
        world.bootAll();
        world.enqueue(2);
        world.runnersTakeJobs();
        manual.scaleUp(1);

        assertThatThrownBy(() -> manual.scaleDown(3))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.CONFLICT))
                .hasMessageStartingWith("no idle runner to remove (3 runners, none idle)");
        assertThat(world.backend.names()).hasSize(3);
    }

    @Test
    void removingABusyRunnerIsRefusedUnlessForced() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        ManualScaling manual = manual(reconciler);
        String name = manual.scaleUp(1).runners().get(0);
        world.bootAll();
        world.enqueue(1);
        world.runnersTakeJobs();

        assertThatThrownBy(() -> manual.remove(name, false))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.CONFLICT))
                .hasMessageContaining("is busy").hasMessageContaining("?force=true");
        assertThat(world.backend.names()).containsExactly(name);

        world.github.refuseDelete.add(world.github.runner(name).orElseThrow().id());
        ManualScaling.Result forced = manual.remove(name, true);

        assertThat(forced.detail()).isEqualTo("removed runner " + name + "; its job was cancelled");
        assertThat(world.backend.names()).as("the container goes even though GitHub refused the deletion").isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.FORCED);
    }

    @Test
    void removalChecksBusyOnGitHubJustBefore() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        ManualScaling manual = manual(reconciler);
        String name = manual.scaleUp(1).runners().get(0);
        world.bootAll();
        world.github.takesJobWhenAsked.add(world.github.runner(name).orElseThrow().id());

        assertThatThrownBy(() -> manual.remove(name, false))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.CONFLICT))
                .hasMessageEndingWith("(GitHub showed it busy just now)");
        assertThat(world.backend.names()).containsExactly(name);
        assertThat(world.github.runner(name)).isPresent();
    }

    @Test
    void removingAnIdleRunnerUnregistersItAndRemovesItsContainer() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        ManualScaling manual = manual(reconciler);
        String name = manual.scaleUp(1).runners().get(0);
        world.bootAll();

        assertThat(manual.remove(name, false).runners()).containsExactly(name);

        assertThat(world.backend.names()).isEmpty();
        assertThat(world.github.runners()).isEmpty();
        assertThatThrownBy(() -> manual.remove(name, false))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.NOT_FOUND));
    }

    @Test
    void commandsWaitWhileGitHubIsPausedForBadCredentials() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.github.fail(new GitHubException(GitHubException.Kind.UNAUTHORIZED, 401, "GET runners: 401 Bad credentials"),
                null);
        reconciler.reconcileOnce();

        assertThatThrownBy(() -> manual(reconciler).scaleUp(1))
                .isInstanceOfSatisfying(ManualScalingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ManualScalingException.Kind.UNAVAILABLE))
                .hasMessageContaining("GitHub rejected the credentials");
        assertThat(world.backend.names()).isEmpty();
    }
}
