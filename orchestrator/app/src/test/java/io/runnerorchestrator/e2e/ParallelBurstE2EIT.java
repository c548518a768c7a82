package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.runnerorchestrator.adapter.docker.ContainerLabels;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of {@value #BURST} jobs with MIN_RUNNERS=0 is served by {@value #BURST} runners that one
 * reconcile pass starts together (ORCHESTRATOR_START_CONCURRENCY at its default of 8, so the starts
 * overlap): every container is created before the first one exits, each job runs on a runner of its
 * own, the orchestrator's {@code scale.up} lines all carry the same pass's correlation id, and that
 * pass registered the runners on several start threads (never more than the default concurrency).
 *
 * <p>The simulator's webhooks are switched off, so the pass that sees the burst is a full look at
 * GitHub: the simulator queues the whole burst at once, and that look sees all of it. (A pass triggered
 * by the first webhooks may see only the jobs whose events came in before it began; that the burst is
 * then served over two passes is by design and not what this test is about.)
 */
class ParallelBurstE2EIT {

    private static final int BURST = 10;
    /** Long enough that no runner is done with its job before the last one of the pass is created. */
    private static final Duration JOB_DURATION = Duration.ofSeconds(15);
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Pattern SCALE_UP = Pattern.compile(
            "\\[(pass-\\d+)\\].* scale\\.up name=(\\S+) reason=(\\S+) job=(\\S+)");
    /** A registration made by a start thread of the pool, with the thread's name and the pass's id. */
    private static final Pattern REGISTERED = Pattern.compile(
            "\\[\\s*(runner-start-\\d+)\\] \\[(pass-\\d+)\\].* github\\.jit_registered runner=(\\S+)");

    private OrchestratorHarness harness;
    private LifecycleEvents lifecycle;

    @AfterEach
    void cleanUp() throws IOException {
        if (lifecycle != null) {
            lifecycle.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void tenQueuedJobsGetTenRunnersStartedInOnePass() {
        harness = OrchestratorHarness.create("pburst");
        lifecycle = new LifecycleEvents(harness.docker(), harness.instanceId());
        OrchestratorProcess orchestrator = harness.startOrchestrator(Map.of("MIN_RUNNERS", "0",
                "MAX_RUNNERS", String.valueOf(BURST), "ORCHESTRATOR_RUNNER_MODE", "jit",
                "ORCHESTRATOR_RUNNER_DOCKER", "none"));
        harness.sim().clearWebhooks();
        // Past the first pass (which lists GitHub's runners, then its queue): the burst meets a periodic pass.
        new PoolChecks(harness).awaitPasses(2, Duration.ofSeconds(60));

        List<Long> jobs = harness.enqueue(BURST, JOB_DURATION, "self-hosted", "linux");

        await("every job of the burst completes").atMost(DEADLINE)
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        await("every runner container exits").atMost(DEADLINE).until(() -> lifecycle.died().size() >= BURST);

        SimState state = harness.sim().state();
        assertThat(SimJobs.notSuccessful(state)).as("jobs failed or cancelled").isEmpty();
        List<String> jobRunners = SimJobs.of(state, jobs).stream().map(SimState.Job::runnerName).toList();
        assertThat(jobRunners).as("the runner of each job").doesNotContainNull()
                .allSatisfy(name -> assertThat(name).startsWith(harness.prefix() + "-"))
                .doesNotHaveDuplicates().hasSize(BURST);

        List<ScaleUp> scaleUps = orchestrator.events("scale.up").stream().map(ParallelBurstE2EIT::scaleUp).toList();
        assertThat(scaleUps).as("scale.up lines").hasSize(BURST)
                .allSatisfy(up -> assertThat(up.reason()).isEqualTo("QUEUE"));
        assertThat(scaleUps.stream().map(ScaleUp::pass).distinct().toList()).as("passes that started runners")
                .hasSize(1);
        assertThat(scaleUps.stream().map(ScaleUp::job).toList()).as("jobs the runners were started for")
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(String::valueOf).toList());
        Set<String> started = scaleUps.stream().map(ScaleUp::name).collect(Collectors.toSet());
        assertThat(started).as("runners started").containsExactlyInAnyOrderElementsOf(jobRunners);
        String pass = scaleUps.get(0).pass();
        List<Matcher> registered = orchestrator.events("github.jit_registered").stream().map(REGISTERED::matcher)
                .filter(Matcher::find).toList();
        assertThat(registered).as("registrations, each on a start thread of the pass")
                .allSatisfy(line -> assertThat(line.group(2)).isEqualTo(pass))
                .extracting(line -> line.group(3)).containsExactlyInAnyOrderElementsOf(started);
        assertThat(registered.stream().map(line -> line.group(1)).distinct().toList())
                .as("start threads the pass used (ORCHESTRATOR_START_CONCURRENCY at its default)")
                .hasSizeBetween(2, ScalingSettings.DEFAULT_START_CONCURRENCY);

        assertThat(lifecycle.created()).as("containers created").containsExactlyInAnyOrderElementsOf(started);
        assertThat(lifecycle.lastCreateBeforeFirstDie())
                .as("every container created before the first one exited; events: %s", lifecycle.sequence())
                .isTrue();
        assertThat(harness.watch().maxRunning()).as("most runner containers running at once").isEqualTo(BURST);
        System.out.printf("e2e.measure test=parallel_burst jobs=%d pass=%s start_threads=%d containers_created=%d"
                        + " max_running=%d%n", jobs.size(), pass,
                registered.stream().map(line -> line.group(1)).distinct().count(), lifecycle.created().size(),
                harness.watch().maxRunning());
    }

    private static ScaleUp scaleUp(String line) {
        Matcher matcher = SCALE_UP.matcher(line);
        assertThat(matcher.find()).as("a scale.up line with its pass's correlation id: %s", line).isTrue();
        return new ScaleUp(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    private record ScaleUp(String pass, String name, String reason, String job) {
    }

    /** Docker's create and die events for one instance's containers, in the order the engine reports them. */
    private static final class LifecycleEvents implements AutoCloseable {

        private final ResultCallback.Adapter<Event> events;
        private final List<String> sequence = new ArrayList<>();

        LifecycleEvents(E2eDocker docker, String instanceId) {
            this.events = docker.client().eventsCmd()
                    .withLabelFilter(Map.of(ContainerLabels.INSTANCE, instanceId))
                    .withEventFilter("create", "die")
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Event event) {
                            record(event);
                        }
                    });
        }

        private synchronized void record(Event event) {
            String name = event.getActor() == null ? null : event.getActor().getAttributes().get("name");
            String action = Objects.requireNonNullElse(event.getAction(), String.valueOf(event.getStatus()));
            if (name != null && (action.equals("create") || action.equals("die"))) {
                sequence.add(action + " " + name);
            }
        }

        synchronized List<String> sequence() {
            return List.copyOf(sequence);
        }

        synchronized Set<String> created() {
            return names("create");
        }

        synchronized Set<String> died() {
            return names("die");
        }

        /** The last create comes before the first die in the engine's own order. */
        synchronized boolean lastCreateBeforeFirstDie() {
            int lastCreate = -1;
            int firstDie = sequence.size();
            for (int i = 0; i < sequence.size(); i++) {
                if (sequence.get(i).startsWith("create ")) {
                    lastCreate = i;
                } else if (firstDie == sequence.size()) {
                    firstDie = i;
                }
            }
            return lastCreate >= 0 && lastCreate < firstDie;
        }

        private Set<String> names(String action) {
            return sequence.stream().filter(entry -> entry.startsWith(action + " "))
                    .map(entry -> entry.substring(action.length() + 1)).collect(Collectors.toSet());
        }

        @Override
        public void close() throws IOException {
            events.close();
        }
    }
}
