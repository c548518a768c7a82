package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimulatedRunners;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The listener against github-sim: demand from messages, and recovery from what the service does to it. */
class ScaleSetListenerTest {
    private static final String TOKEN = "ghp_listener_test";
    private static final String SET = "ro-listener";

    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository("acme/app")
            .messagePollWait(Duration.ofMillis(300)).build());
    private final HttpGitHub rest = new HttpGitHub(GitHubApiSettings.defaults(URI.create(sim.apiUrl()),
            GitHubScope.ofRepository("acme/app")), new PersonalAccessToken(TOKEN), GitHubRequestListener.NOOP,
            Clock.systemUTC());
    private final List<String> triggers = new CopyOnWriteArrayList<>();
    private final List<JobMessage> news = new CopyOnWriteArrayList<>();
    private final BusyRunners busy = new BusyRunners();
    private final List<ScaleSetListener> listeners = new ArrayList<>();
    private final SimulatedRunners runners = new SimulatedRunners();

    @AfterEach
    void close() {
        listeners.forEach(ScaleSetListener::close);
        runners.close();
        sim.close();
    }

    private ActionsServiceClient client() {
        return new ActionsServiceClient(URI.create(sim.apiUrl()), URI.create(sim.baseUrl() + "/acme/app"),
                rest::createRegistrationToken, "test", Duration.ofSeconds(5), Clock.systemUTC());
    }

    private ScaleSetDemand listen(String owner) {
        ScaleSetDemand demand = new ScaleSetDemand();
        ScaleSetListener listener = new ScaleSetListener(client(), settings(owner), demand, busy.andThen(news::add),
                triggers::add);
        listeners.add(listener);
        listener.start();
        return demand;
    }

    private static ScaleSetListener.Settings settings(String owner) {
        return new ScaleSetListener.Settings(SET, "Default", List.of(SET), owner, 4);
    }

    /** A member of a cluster whose store is {@code store}: what it hears and what it is asked for. */
    private record Member(ScaleSetDemand demand, BusyRunners busy, List<JobMessage> news, List<String> triggers) {
    }

    private Member join(SharedStore store, String owner) {
        ScaleSetDemand demand = new ScaleSetDemand();
        BusyRunners memberBusy = new BusyRunners();
        List<JobMessage> memberNews = new CopyOnWriteArrayList<>();
        List<String> memberTriggers = new CopyOnWriteArrayList<>();
        ScaleSetListener listener = new ScaleSetListener(client(), settings(owner), demand,
                memberBusy.andThen(memberNews::add), memberTriggers::add,
                ScaleSetRelay.through(store.member(owner), SET, demand, memberBusy));
        listeners.add(listener);
        listener.start();
        return new Member(demand, memberBusy, memberNews, memberTriggers);
    }

    @Test
    void acquiredJobsAreTheQueueUntilTheSetsRunnersStartThem() {
        ScaleSetDemand demand = listen("instance-a");
        ScaleSetGitHub github = new ScaleSetGitHub(rest, client(), demand, busy);
        await().atMost(Duration.ofSeconds(10)).until(() -> demand.scaleSet().isPresent());
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 3).labels(SET).duration(Duration.ofMillis(300)));

        await().atMost(Duration.ofSeconds(10)).until(() -> github.listQueuedJobs().size() == 3);
        assertThat(github.listQueuedJobs()).extracting(QueuedJob::id).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(triggers).contains("scaleset message");
        for (int i = 1; i <= 3; i++) {
            runners.start(github.generateJitConfig(new JitRequest(SET + "-" + i, List.of(SET), 1, "_work"))
                    .encodedJitConfig());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.stream()
                .allMatch(id -> sim.state().job(id).orElseThrow().status().equals("completed")));
        await().atMost(Duration.ofSeconds(10)).until(() -> github.listQueuedJobs().isEmpty());
        assertThat(sim.state().requests().count("GET /repos/{owner}/{repo}/actions/runs")).as("no REST queue scan")
                .isZero();
    }

    @Test
    void theSetsRunnersAreLookedUpThroughTheActionsServiceBusyAsTheMessagesSay() {
        ScaleSetDemand demand = listen("instance-a");
        ScaleSetGitHub github = new ScaleSetGitHub(rest, client(), demand, busy);
        await().atMost(Duration.ofSeconds(10)).until(() -> demand.scaleSet().isPresent());
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET).duration(Duration.ofSeconds(10))).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> github.listQueuedJobs().size() == 1);
        JitRunner jit = github.generateJitConfig(new JitRequest(SET + "-1", List.of(SET), 1, "_work"));
        long id = jit.runner().id();
        runners.start(jit.encodedJitConfig());
        await().atMost(Duration.ofSeconds(10)).until(() -> types(news).contains("JobStarted"));
        long restBefore = sim.state().requests().total();

        assertThat(github.getRunner(id)).hasValueSatisfying(r -> assertThat(r.busy()).isTrue());
        assertThat(github.runnerNamed(SET + "-1").map(GitHubRunner::id)).hasValue(id);
        assertThat(github.deleteRunner(id)).as("the service refuses a runner that runs a job")
                .isEqualTo(GitHub.DeleteResult.REFUSED);
        assertThat(sim.state().requests().total()).as("no REST request").isEqualTo(restBefore);

        await().atMost(Duration.ofSeconds(30)).until(() -> types(news).contains("JobCompleted"));
        assertThat(sim.state().job(job).orElseThrow().status()).isEqualTo("completed");
        assertThat(busy.busy(id)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> github.getRunner(id).isEmpty());
    }

    private static List<String> types(List<JobMessage> messages) {
        return messages.stream().map(JobMessage::type).toList();
    }

    @Test
    void aDeletedScaleSetIsCreatedAgainAndAnExpiredSessionOpenedAgain() {
        ScaleSetDemand demand = listen("instance-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> demand.scaleSet().isPresent());
        long first = demand.scaleSet().orElseThrow().id();

        sim.deleteScaleSets();
        await().atMost(Duration.ofSeconds(15)).until(() -> demand.scaleSet().map(ScaleSet::id).orElse(first) != first);
        sim.expireScaleSetSessions();
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET)).get(0);

        await().atMost(Duration.ofSeconds(15)).until(() -> demand.queued().stream().anyMatch(j -> j.id() == job));
        assertThat(sim.scaleSetNames()).containsExactly(SET);
    }

    @Test
    void aSecondListenerWaitsForTheSessionUntilTheFirstCloses() {
        ScaleSetDemand first = listen("instance-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.scaleSet().isPresent());
        ScaleSetDemand second = listen("instance-b");
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET)).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.queued().size() == 1);
        assertThat(second.queued()).as("no session: no messages").isEmpty();

        listeners.get(0).close();

        await().atMost(Duration.ofSeconds(20)).until(() -> second.statistics().assignedJobs() == 1);
        assertThat(second.queued()).as("the statistics count an assigned job no message named here").hasSize(1)
                .allSatisfy(j -> assertThat(j.id()).isNegative());
        assertThat(job).isPositive();
    }

    @Test
    void inAClusterOnlyTheLeaderHoldsTheSessionAndTheOthersServeItsDemandAndSeeItsRunnersBusy() {
        SharedStore store = new SharedStore();
        store.lead("instance-a");
        Member leader = join(store, "instance-a");
        Member standby = join(store, "instance-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> standby.demand().scaleSet().isPresent());
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 2).labels(SET).duration(Duration.ofSeconds(5)));

        await("the standby's queue").atMost(Duration.ofSeconds(10))
                .until(() -> standby.demand().queued().stream().map(QueuedJob::id).toList(), ids -> ids.containsAll(jobs));
        assertThat(standby.triggers()).contains("scaleset relay");
        ScaleSetGitHub standbyGitHub = new ScaleSetGitHub(rest, client(), standby.demand(), standby.busy());
        JitRunner jit = standbyGitHub.generateJitConfig(new JitRequest(SET + "-b1", List.of(SET), 1, "_work"));
        runners.start(jit.encodedJitConfig());

        await("the standby hears that its runner took a job").atMost(Duration.ofSeconds(15))
                .until(() -> standby.busy().busy(jit.runner().id()));
        assertThat(standby.news()).extracting(JobMessage::type).contains("JobStarted");
        await("and that it completed it").atMost(Duration.ofSeconds(30))
                .until(() -> !standby.busy().busy(jit.runner().id()));
        assertThat(standby.news()).extracting(JobMessage::type).contains("JobCompleted");
        assertThat(sim.scaleSetSessionOwners()).containsExactly("instance-a");
        assertThat(leader.demand().queued()).hasSize(1);
    }

    @Test
    void aNewLeaderDeletesTheSessionItsPredecessorLeftOpenInsteadOfWaitingForItToExpire() {
        SharedStore store = new SharedStore();
        // A leader that died while it held the session: the session lives on, recorded in the store.
        ActionsServiceClient dead = client();
        ScaleSetSession left = dead.openSession(dead.findOrCreate(SET, "Default", List.of(SET)).id(), "instance-a");
        ScaleSetRelay.through(store.member("instance-a"), SET, new ScaleSetDemand(), new BusyRunners()).opened(left);
        store.lead("instance-b");

        Member next = join(store, "instance-b");

        await("the new leader holds the session").atMost(Duration.ofSeconds(10))
                .until(() -> sim.scaleSetSessionOwners().equals(List.of("instance-b")));
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET)).get(0);
        await("and serves the set's jobs").atMost(Duration.ofSeconds(10))
                .until(() -> next.demand().queued().stream().anyMatch(j -> j.id() == job));
    }

    @Test
    void aHolderThatNoLongerLeadsLosesItsSessionToTheLeaderAndFollowsIt() {
        SharedStore store = new SharedStore();
        store.lead("instance-a");
        Member a = join(store, "instance-a");
        Member b = join(store, "instance-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.scaleSetSessionOwners().equals(List.of("instance-a")));

        store.lead("instance-b");

        await("b holds the session").atMost(Duration.ofSeconds(15))
                .until(() -> sim.scaleSetSessionOwners().equals(List.of("instance-b")));
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET)).get(0);
        await("a follows b's demand").atMost(Duration.ofSeconds(10))
                .until(() -> a.demand().queued().stream().anyMatch(j -> j.id() == job));
        assertThat(b.demand().queued()).extracting(QueuedJob::id).contains(job);
    }

    @Test
    void aStandbyThatTakesTheSessionOverKeepsNoAdoptedJobThatStartedWhileNobodyListened() {
        SharedStore store = new SharedStore();
        store.lead("instance-a");
        join(store, "instance-a");
        Member b = join(store, "instance-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.scaleSetSessionOwners().equals(List.of("instance-a")));
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET).duration(Duration.ofSeconds(30))).get(0);
        await("b adopted the waiting job").atMost(Duration.ofSeconds(10))
                .until(() -> b.demand().queued().stream().anyMatch(j -> j.id() == job));

        // Nobody leads for a while: a stops (its session goes) and the job starts unheard.
        store.lead("");
        listeners.get(0).close();
        ScaleSetGitHub github = new ScaleSetGitHub(rest, client(), b.demand(), b.busy());
        runners.start(github.generateJitConfig(new JitRequest(SET + "-1", List.of(SET), 1, "_work")).encodedJitConfig());
        await("the job runs").atMost(Duration.ofSeconds(15))
                .until(() -> sim.state().job(job).orElseThrow().status().equals("in_progress"));
        store.lead("instance-b");

        await("b holds the session").atMost(Duration.ofSeconds(15))
                .until(() -> sim.scaleSetSessionOwners().equals(List.of("instance-b")));
        await("b's queue has nothing waiting").atMost(Duration.ofSeconds(10))
                .until(() -> b.demand().queued().isEmpty());
    }
}
