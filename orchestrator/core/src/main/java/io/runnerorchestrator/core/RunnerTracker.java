package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Merges each pass's containers and registrations into {@link RunnerView}s and remembers, across
 * passes, what a single look cannot tell: since when a runner is idle, whether it was ever online,
 * and what changed (boots, jobs started and completed). Memory only: after a restart a runner is
 * idle since first seen, which errs on keeping it. Used from the reconcile thread only.
 */
final class RunnerTracker {
    private static final Logger log = LoggerFactory.getLogger(RunnerTracker.class);

    /**
     * What one look added to the memory.
     *
     * @param cameOnline runners seen online for the first time: proof that the image works
     * @param boots      boot times of those among them created since this process started
     */
    record Tracked(List<RunnerView> runners, int cameOnline, List<Duration> boots, int jobsStarted, int jobsCompleted) {
    }

    /** How far apart two current looks must both show a runner idle before it may be removed for idleness. */
    static final Duration IDLE_CONFIRMATION = Duration.ofSeconds(5);

    private static final class Memory {
        RunnerState state;
        Instant idleSince;
        /** The last current look at GitHub (not a webhook-hinted one) that showed it idle. */
        Instant idleSeenCurrent;
        boolean seenOnline;
        boolean busy;
    }

    private final Duration bootTimeout;
    private final Instant since;
    private final Map<String, Memory> memory = new HashMap<>();

    /** @param since when this process started: older runners were adopted, their boot time is unknown */
    RunnerTracker(Duration bootTimeout, Instant since) {
        this.bootTimeout = bootTimeout;
        this.since = since;
    }

    /** A current look: the registrations as GitHub listed them just now. */
    Tracked track(List<RunnerInstance> instances, List<GitHubRunner> registrations,
                  Function<String, Optional<Long>> jobOf, Instant now) {
        return track(instances, registrations, jobOf, now, true);
    }

    /**
     * @param current false when the registrations are an earlier list brought up to date by webhooks
     *                (which may be lost or late): such a look never confirms that a runner is idle
     */
    Tracked track(List<RunnerInstance> instances, List<GitHubRunner> registrations,
                  Function<String, Optional<Long>> jobOf, Instant now, boolean current) {
        Map<String, RunnerInstance> byName = new HashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        Map<String, GitHubRunner> registered = new HashMap<>();
        registrations.forEach(r -> registered.put(r.name(), r));
        TreeSet<String> names = new TreeSet<>(byName.keySet());
        names.addAll(registered.keySet());

        List<RunnerView> views = new ArrayList<>();
        List<Duration> boots = new ArrayList<>();
        int cameOnline = 0;
        int started = 0;
        int completed = 0;
        for (String name : names) {
            Optional<RunnerInstance> instance = Optional.ofNullable(byName.get(name));
            Optional<GitHubRunner> registration = Optional.ofNullable(registered.get(name));
            Memory m = memory.computeIfAbsent(name, n -> new Memory());
            boolean online = registration.map(GitHubRunner::online).orElse(false);
            boolean busy = online && registration.get().busy();
            if (online && !m.seenOnline) {
                cameOnline++;
                if (instance.isPresent() && !instance.get().createdAt().isBefore(since)) {
                    Duration boot = Duration.between(instance.get().createdAt(), now);
                    log.info("runner.booted name={} boot_ms={}", name, boot.toMillis());
                    boots.add(boot);
                }
            }
            m.seenOnline |= online;
            started += busy && !m.busy ? 1 : 0;
            completed += !busy && m.busy ? 1 : 0;
            m.busy = busy;
            m.idleSince = online && !busy ? (m.idleSince == null ? now : m.idleSince) : null;
            Optional<Long> job = jobOf.apply(name);
            if (m.idleSince == null || job.isPresent()) {
                m.idleSeenCurrent = null;
            } else if (current) {
                m.idleSeenCurrent = now;
            }
            boolean idleConfirmed = m.idleSeenCurrent != null
                    && !m.idleSeenCurrent.isBefore(m.idleSince.plus(IDLE_CONFIRMATION));

            RunnerState state = RunnerClassifier.classify(instance, registration, m.seenOnline, bootTimeout, now);
            logTransition(name, m.state, state, instance);
            m.state = state;
            views.add(new RunnerView(name, state, instance, registration, Optional.ofNullable(m.idleSince),
                    m.seenOnline, job, idleConfirmed));
        }
        for (var it = memory.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!names.contains(entry.getKey())) {
                completed += entry.getValue().busy ? 1 : 0;
                log.info("runner.gone name={} last_state={}", entry.getKey(), entry.getValue().state.label());
                it.remove();
            }
        }
        return new Tracked(views, cameOnline, boots, started, completed);
    }

    private static void logTransition(String name, RunnerState before, RunnerState after,
                                      Optional<RunnerInstance> instance) {
        String exit = instance.flatMap(RunnerInstance::exitCode).map(String::valueOf).orElse("-");
        if (before == null) {
            log.info("runner.seen name={} state={} exit_code={}", name, after.label(), exit);
        } else if (!before.canBecome(after)) {
            log.warn("runner.state.unexpected name={} from={} to={} exit_code={}", name, before.label(), after.label(),
                    exit);
        } else if (before != after) {
            log.info("runner.state name={} from={} to={} exit_code={}", name, before.label(), after.label(), exit);
        }
    }
}
