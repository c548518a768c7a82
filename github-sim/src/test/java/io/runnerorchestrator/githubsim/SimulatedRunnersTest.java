package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatedRunnersTest {
    private GitHubSimulator sim;
    private SimHttp http;
    private final SimulatedRunners runners = new SimulatedRunners(Duration.ofMillis(200));

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .offlineAfter(Duration.ofSeconds(2)).build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
    }

    @AfterEach
    void stop() {
        runners.stopAll();
        sim.close();
    }

    @Test
    void jitRunnerCompletesOneJobThenExitsAndIsUnregistered() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 2).labels("linux").duration(Duration.ofMillis(2500)));
        String config = http.generateJit("/repos/acme/app", "sim-1", "linux").path("encoded_jit_config").asString();
        SimulatedRunner runner = runners.start(config);

        await().atMost(Duration.ofSeconds(20)).until(() -> !runner.isAlive());
        assertThat(runner.exitReason()).isEqualTo("completed its job");
        SimState state = sim.state();
        SimState.Job done = state.job(jobs.get(0)).orElseThrow();
        assertThat(done.conclusion()).as("heartbeats kept the runner online past offlineAfter").isEqualTo("success");
        assertThat(done.runnerName()).isEqualTo("sim-1");
        assertThat(state.job(jobs.get(1)).orElseThrow().status()).isEqualTo("queued");
        assertThat(state.runner("sim-1")).isEmpty();
    }

    @Test
    void tokenRunnerThatIsNotEphemeralKeepsTakingJobs() {
        String token = SimHttp.json(http.post("/repos/acme/app/actions/runners/registration-token", ""))
                .path("token").asString();
        SimulatedRunner runner = runners.start(RunnerRegistration.token(sim.baseUrl() + "/acme/app", token,
                "steady", List.of("gpu"), false));
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 3).labels("self-hosted", "gpu"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.state().jobsWithStatus("completed").size() == 3);
        assertThat(jobs).allSatisfy(id -> assertThat(sim.state().job(id).orElseThrow().runnerName()).isEqualTo("steady"));
        assertThat(runner.isAlive()).isTrue();
        assertThat(sim.state().runner("steady")).isPresent();
    }

    @Test
    void stoppedIdleRunnerExitsAndGoesOffline() {
        String config = http.generateJit("/repos/acme/app", "idle", "linux").path("encoded_jit_config").asString();
        SimulatedRunner runner = runners.start(config);
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.phase() == SimulatedRunner.Phase.IDLE);

        runners.stopAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isAlive());
        assertThat(runner.exitReason()).isEqualTo("stopped");
        assertThat(runners.alive()).isEmpty();
        assertThat(sim.state().runner("idle").orElseThrow().status()).as("session closed on stop").isEqualTo("offline");
    }

    @Test
    void stoppedBusyRunnerCancelsItsJob() {
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("linux").duration(Duration.ofMinutes(10))).get(0);
        SimulatedRunner runner = runners.start(
                http.generateJit("/repos/acme/app", "busy", "linux").path("encoded_jit_config").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.phase() == SimulatedRunner.Phase.BUSY);
        runner.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isAlive());
        assertThat(sim.state().job(job).orElseThrow().conclusion()).isEqualTo("cancelled");
    }

    @Test
    void killedBusyRunnerIsNoticedOnlyWhenItGoesOfflineAndItsJobFails() {
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("linux").duration(Duration.ofMinutes(10))).get(0);
        SimulatedRunner runner = runners.start(
                http.generateJit("/repos/acme/app", "doomed", "linux").path("encoded_jit_config").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.phase() == SimulatedRunner.Phase.BUSY);
        runner.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isAlive());
        assertThat(runner.exitReason()).isEqualTo("killed");
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.state().job(job).orElseThrow().status().equals("completed"));
        assertThat(sim.state().job(job).orElseThrow().conclusion()).isEqualTo("failure");
        assertThat(sim.state().runner("doomed").orElseThrow().status()).isEqualTo("offline");
    }

    @Test
    void runnerWhoseRegistrationIsDeletedExits() {
        var jit = http.generateJit("/repos/acme/app", "removed", "linux");
        SimulatedRunner runner = runners.start(jit.path("encoded_jit_config").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.phase() == SimulatedRunner.Phase.IDLE);
        http.delete("/repos/acme/app/actions/runners/" + jit.path("runner").path("id").asLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isAlive());
        assertThat(runner.exitReason()).contains("404");
    }
}
