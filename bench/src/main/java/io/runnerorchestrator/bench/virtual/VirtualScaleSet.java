package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.RunnerNews;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.port.GitHub.DeleteResult;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A runner scale set in the virtual world: the Actions service's side and the orchestrator's listener
 * (ScaleSetListener, ScaleSetDemand, BusyRunners and the app's hints) in one model. Every job change
 * becomes a message; a batch of at most {@value #MAX_BATCH} reaches the listener {@code delay} after its
 * first message (the long poll answers as soon as one is there), or after the listener's previous batch.
 * The listener acquires what is offered (the jobs are the set's from then on, and only then can its runners
 * take them), gives the core a hint for each start and completion, acknowledges the batch and asks for a
 * pass. A poll that gets nothing is answered after {@link #POLL_WAIT} and made again.
 * <p>
 * Every call to the service is counted ({@link ActionsCalls}). Not modelled: statistics (no message is
 * ever lost here), session expiry, the service's 409 and 5xx.
 */
final class VirtualScaleSet {
    static final int MAX_BATCH = 50;
    static final Duration POLL_WAIT = Duration.ofSeconds(50);
    private static final String SETS = "/_apis/runtime/runnerscalesets";
    private static final String AGENTS = "/_apis/distributedtask/pools/0/agents";
    private static final String QUEUE = "/queue/{session}/messages";

    private record Message(String type, VirtualWorld.Job job) {
    }

    private final Clock clock;
    private final EventQueue events;
    private final VirtualWorld world;
    private final Duration delay;
    private final ActionsCalls calls;
    private final ArrayDeque<Message> pending = new ArrayDeque<>();
    /** Acquired and not started: the core's queue (ScaleSetDemand). */
    private final Map<Long, QueuedJob> waiting = new LinkedHashMap<>();
    /** Runners that started a job and have not completed it, by name (BusyRunners). */
    private final Set<String> busy = new HashSet<>();
    private RunnerNews news;
    private ReconcileTrigger trigger;
    private EventQueue.Handle delivery;
    private EventQueue.Handle emptyPoll;

    VirtualScaleSet(Clock clock, EventQueue events, VirtualWorld world, Duration delay, ActionsCalls calls) {
        this.clock = clock;
        this.events = events;
        this.world = world;
        this.delay = delay;
        this.calls = calls;
    }

    /** The listener starts: the scale set is created, its session opened, the first poll made. */
    void open(QueueHints hints, JobAssignments assignments, ReconcileTrigger trigger) {
        this.news = new RunnerNews(hints, assignments);
        this.trigger = trigger;
        world.requireAcquisition();
        world.onJobEvent(this::jobChanged);
        calls.admin("GET /_apis/runtime/runnergroups/");
        calls.admin("GET " + SETS);
        calls.admin("POST " + SETS);
        calls.admin("POST " + SETS + "/{id}/sessions");
        trigger.requestPass("scaleset session");
        poll();
    }

    // ---- the port's calls (ScaleSetGitHub over ActionsServiceClient) -------------------------------

    List<QueuedJob> queued() {
        return List.copyOf(waiting.values());
    }

    JitRunner generateJitConfig(String name) {
        calls.admin("POST " + SETS + "/{id}/generatejitconfig");
        VirtualWorld.Registration registration = world.register(name);
        return new JitRunner(registration.view(), VirtualGitHub.JIT_PREFIX + registration.id);
    }

    Optional<GitHubRunner> agent(long id) {
        calls.admin("GET " + AGENTS + "/{id}");
        return world.registration(id).map(this::withBusy);
    }

    Optional<GitHubRunner> agentNamed(String name) {
        calls.admin("GET " + AGENTS);
        return world.registrations().stream().filter(r -> r.name.equals(name)).findFirst().map(this::withBusy);
    }

    DeleteResult remove(long id) {
        calls.admin("DELETE " + AGENTS + "/{id}");
        return world.delete(id);
    }

    /** The agent record does not say busy: the messages do. */
    private GitHubRunner withBusy(VirtualWorld.Registration registration) {
        GitHubRunner view = registration.view();
        return new GitHubRunner(view.id(), view.name(), view.os(), view.online(), busy.contains(view.name()),
                view.labels());
    }

    // ---- the message queue ------------------------------------------------------------------------

    private void jobChanged(String action, VirtualWorld.Job job) {
        String type = switch (action) {
            case "queued" -> "JobAvailable";
            case "in_progress" -> "JobStarted";
            default -> "JobCompleted";
        };
        pending.add(new Message(type, job));
        if (delivery == null) {
            delivery = events.at(clock.instant().plus(delay), this::deliver);
        }
    }

    private void deliver() {
        delivery = null;
        emptyPoll.cancel();
        calls.call("GET " + QUEUE);
        List<Message> batch = new ArrayList<>();
        while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(pending.poll());
        }
        List<VirtualWorld.Job> offered = new ArrayList<>();
        for (Message message : batch) {
            handle(message, offered);
        }
        if (!offered.isEmpty()) {
            calls.call("POST " + SETS + "/{id}/acquirejobs");
            List<VirtualWorld.Job> acquired = world.acquire(offered);
            // Ours from now on (the JobAssigned message that follows confirms it), then runners may take them.
            acquired.forEach(job -> {
                waiting.put(job.id, queuedJob(job));
                pending.add(new Message("JobAssigned", job));
            });
            world.dispatchAcquired(acquired);
        }
        calls.call("DELETE " + QUEUE + "/{message}");
        trigger.requestPass("scaleset message");
        if (!pending.isEmpty()) {
            delivery = events.at(clock.instant().plus(delay), this::deliver);
        }
        poll();
    }

    private void handle(Message message, List<VirtualWorld.Job> offered) {
        VirtualWorld.Job job = message.job();
        switch (message.type()) {
            case "JobAvailable" -> offered.add(job);
            case "JobAssigned" -> waiting.put(job.id, queuedJob(job));
            case "JobStarted" -> {
                waiting.remove(job.id);
                busy.add(job.runnerName);
                news.started(job.id, job.runnerName);
            }
            default -> {
                waiting.remove(job.id);
                busy.remove(job.runnerName);
                news.completed(job.id, Optional.ofNullable(job.runnerName));
            }
        }
    }

    /** A long poll that nothing answers comes back empty (202) after {@link #POLL_WAIT}, and is made again. */
    private void poll() {
        emptyPoll = events.at(clock.instant().plus(POLL_WAIT), () -> {
            calls.call("GET " + QUEUE);
            poll();
        });
    }

    private QueuedJob queuedJob(VirtualWorld.Job job) {
        return new QueuedJob(job.id, 0, VirtualRun.REPOSITORY, VirtualGitHub.JOB_LABELS, job.queuedAt);
    }
}
