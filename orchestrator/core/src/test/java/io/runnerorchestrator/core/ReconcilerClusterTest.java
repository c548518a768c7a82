package io.runnerorchestrator.core;

import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Several instances over one GitHub queue, each with its own backend, coordinated by a shared cluster. */
class ReconcilerClusterTest {
    private final TestWorld world = new TestWorld();
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final FakeBackend backendB = new FakeBackend(world.clock);

    private Reconciler instance(String prefix, FakeBackend backend, ScalingSettings scaling) {
        RunnerSettings runners = new RunnerSettings(prefix, TestWorld.CUSTOM_LABELS, RegistrationMode.JIT, 1, List.of(),
                "_work", GitHubScope.ofRepository("acme/app"), "https://github.com");
        return new Reconciler(scaling, runners, world.github, backend, cluster.member(prefix), world.metrics,
                world.clock);
    }

    @Test
    void twoInstancesTogetherStayWithinMaxAndStartOneRunnerPerJob() {
        ScalingSettings scaling = TestWorld.scaling(0, 4, 1, 0);
        Reconciler a = instance("node-a", world.backend, scaling);
        Reconciler b = instance("node-b", backendB, scaling);
        world.enqueue(6);

        a.reconcileOnce();
        b.reconcileOnce();
        a.reconcileOnce();

        assertThat(world.backend.names().size() + backendB.names().size()).isEqualTo(4);
        Set<String> jobsStartedFor = new HashSet<>(world.github.runners().stream().map(GitHubRunner::name).toList());
        assertThat(jobsStartedFor).hasSize(4);
    }

    @Test
    void anInstanceDecidesWithinWhatTheOthersLeave() {
        ScalingSettings scaling = TestWorld.scaling(0, 5, 1, 0);
        Reconciler a = instance("node-a", world.backend, scaling);
        Reconciler b = instance("node-b", backendB, scaling);
        world.enqueue(3);
        a.reconcileOnce();
        world.enqueue(4);

        ReconcileSnapshot seenByB = b.reconcileOnce();

        assertThat(world.backend.names()).hasSize(3);
        assertThat(backendB.names()).as("5 - a's 3").hasSize(2);
        assertThat(seenByB.counts().max()).as("MAX_RUNNERS, for the whole cluster").isEqualTo(5);
        assertThat(seenByB.queue()).extracting(w -> w.reason().kind()).containsOnly(WaitReason.Kind.CLAIMED_ELSEWHERE,
                WaitReason.Kind.RUNNER_STARTING, WaitReason.Kind.AT_MAX_RUNNERS);
        assertThat(seenByB.queue()).filteredOn(w -> w.reason().kind() == WaitReason.Kind.CLAIMED_ELSEWHERE).hasSize(3);
        assertThat(seenByB.queue()).filteredOn(w -> w.reason().kind() == WaitReason.Kind.AT_MAX_RUNNERS).hasSize(2);
    }

    @Test
    void onlyTheLeaderDeletesTheOfflineRegistrationsOfADeadMember() {
        ScalingSettings scaling = TestWorld.scaling(0, 5, 3, 1);
        Reconciler a = instance("node-a", world.backend, scaling);
        Reconciler b = instance("node-b", backendB, scaling);
        world.github.register("node-gone-abcd1234", Set.of(), false);
        world.github.register("node-gone-busy5678", Set.of(), true);
        cluster.died("node-gone");
        cluster.lead("node-b");

        a.reconcileOnce();
        assertThat(world.github.runner("node-gone-abcd1234")).as("a does not lead").isPresent();

        b.reconcileOnce();
        assertThat(world.github.runner("node-gone-abcd1234")).as("offline, owner dead").isEmpty();
        assertThat(world.github.runner("node-gone-busy5678")).as("online: its container still runs somewhere")
                .isPresent();
    }

    @Test
    void theOnlineRunnersOfADeadMemberCountAgainstMaxUntilTheyGoOffline() {
        ScalingSettings scaling = TestWorld.scaling(0, 4, 1, 0);
        Reconciler b = instance("node-b", backendB, scaling);
        world.github.register("node-gone-busy1111", Set.of(), true);
        world.github.register("node-gone-idle2222", Set.of(), true);
        cluster.died("node-gone");
        cluster.lead("node-b");
        world.enqueue(4);

        b.reconcileOnce();
        assertThat(backendB.names()).as("4 - the 2 the killed member's containers still run").hasSize(2);

        world.github.setOnline("node-gone-busy1111", false);
        world.github.setOnline("node-gone-idle2222", false);
        b.reconcileOnce();
        assertThat(backendB.names()).as("their containers are gone: MAX is b's again").hasSize(4);
    }

    @Test
    void aPrefixThatExtendsAnotherNeverMakesItsRunnersTheOthers() {
        ScalingSettings scaling = TestWorld.scaling(0, 5, 3, 1);
        Reconciler ci = instance("ci", world.backend, scaling);
        world.github.register("ci-2-abcd1234", Set.of(), false);

        ReconcileSnapshot snapshot = ci.reconcileOnce();

        assertThat(snapshot.runners()).isEmpty();
        assertThat(world.github.runner("ci-2-abcd1234")).as("ci-2's booting runner untouched").isPresent();
    }
}
