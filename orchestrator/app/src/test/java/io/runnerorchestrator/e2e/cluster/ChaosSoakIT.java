package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.E2eDocker;
import io.runnerorchestrator.e2e.OrchestratorProcess;
import io.runnerorchestrator.e2e.PrivateDockerd;
import io.runnerorchestrator.e2e.cluster.FaultSchedule.Fault;
import io.runnerorchestrator.e2e.cluster.SoakReport.EngineOutage;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos soak: a steady stream of jobs into github-sim, two orchestrators sharing Redis, their runner
 * containers on a real Docker engine of the soak's own ({@link PrivateDockerd}, so that it can be
 * restarted without touching the machine's shared one), and a schedule of faults drawn from a seed
 * (SIGKILL and restart of either instance, GitHub 5xx and rate-limit windows, a Redis restart, a
 * broken runner image, lost answers, a stop or crash and restart of the engine). Then the faults
 * stop, the queue drains, both instances stop gracefully, and a table says what happened. Three
 * minutes by default (in {@code mvn verify}); {@code scripts/soak.sh} runs it for an hour.
 * System properties: {@code soak.duration} (ISO-8601, PT3M), {@code soak.seed} (4: five of the seven
 * kinds of fault within three minutes, the engine stopped with SIGTERM among them).
 */
class ChaosSoakIT {

    private static final int MAX = 4;
    /**
     * After the faults the backlog they left is served at MAX runners, which for an hour's faults can
     * take longer than a few minutes: the drain goes on while jobs complete, and a job is lost when none
     * has completed for this long (or when {@link #DRAIN_CAP} is reached).
     */
    private static final Duration DRAIN_STALL = Duration.ofMinutes(3);
    private static final Duration DRAIN_CAP = Duration.ofMinutes(30);
    private static final Duration LOST_ANSWER_DELAY = Duration.ofSeconds(31);

    private final Duration duration = Duration.parse(System.getProperty("soak.duration", "PT3M"));
    private final long seed = Long.getLong("soak.seed", 4L);
    private final List<Long> jobs = new CopyOnWriteArrayList<>();
    private final List<String> faultLog = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, task -> {
        Thread thread = new Thread(task, "soak-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<EngineOutage> engineOutages = new CopyOnWriteArrayList<>();
    private volatile Instant engineDownSince;
    private PrivateDockerd engine;
    private ClusterWorld world;
    private SoakImage image;

    @AfterEach
    void cleanUp() throws Exception {
        scheduler.shutdownNow();
        try {
            if (world != null) {
                world.close();
            }
            if (image != null) {
                image.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Test
    void nothingIsLostUnderFaults() throws Exception {
        E2eDocker.buildFakeRunnerImage();
        String engineName = "soak-" + Long.toHexString(System.nanoTime() & 0xffffffffL);
        engine = PrivateDockerd.start(engineName, Path.of("target", "e2e-logs", engineName + "-dockerd.log"));
        engine.loadImage(E2eDocker.FAKE_RUNNER_IMAGE);
        world = ClusterWorld.create("soak", 2, engine.host());
        image = SoakImage.create(engine);
        Map<String, String> settings = Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_CLUSTER_TTL", "6s", "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "60s",
                "ORCHESTRATOR_RUNNER_IMAGE", image.tag());
        world.startAll(settings);
        List<Fault> faults = FaultSchedule.draw(seed, duration, world.ids().size());
        System.out.printf("soak.start seed=%d duration=%s faults=%d engine=%s%n", seed, duration, faults.size(),
                engine);
        faults.forEach(f -> System.out.println("soak.fault.planned " + f));

        Instant start = Instant.now();
        Random jobRandom = new Random(seed * 31 + 7);
        scheduler.scheduleWithFixedDelay(() -> enqueue(jobRandom), 0, 2, TimeUnit.SECONDS);
        ClockStepWatch clockSteps = new ClockStepWatch(faultLog::add);
        scheduler.scheduleAtFixedRate(clockSteps::sample, 1, 1, TimeUnit.SECONDS);
        for (Fault fault : faults) {
            scheduler.schedule(() -> begin(fault, settings), fault.at().toMillis(), TimeUnit.MILLISECONDS);
            scheduler.schedule(() -> end(fault, settings), fault.end().toMillis(), TimeUnit.MILLISECONDS);
        }
        Instant end = start.plus(duration);
        await("the soak's duration").atMost(duration.plusMinutes(1)).pollInterval(Duration.ofSeconds(5))
                .until(() -> Instant.now().isAfter(end));
        scheduler.shutdownNow();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
        calm(settings);

        Instant drainStart = Instant.now();
        DrainProgress drain = new DrainProgress(jobs.size(), DRAIN_STALL);
        await("the queue drains or stalls").atMost(DRAIN_CAP.plusMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> drain.over(completed(world.sim().state()), Instant.now())
                        || Instant.now().isAfter(drainStart.plus(DRAIN_CAP)));
        SimState drained = world.sim().state();
        faultLog.add("soak.drain took=" + Duration.between(drainStart, Instant.now()).toSeconds() + "s left="
                + (jobs.size() - completed(drained)));
        world.alive().forEach(OrchestratorProcess::terminate);
        for (OrchestratorProcess process : world.alive()) {
            process.awaitExit(Duration.ofSeconds(40));
        }
        SoakReport report = SoakReport.of(seed, duration, faults, drained, jobs, MAX, world.containers().maxRunning(),
                leakedContainers(), leakedRegistrations(), start, List.copyOf(engineOutages));
        System.out.println(report.markdown());
        faultLog.forEach(System.out::println);
        Path file = Path.of("target", "soak-report.md");
        Files.writeString(file, report.markdown() + "\n\n" + String.join("\n", faultLog) + "\n");

        assertThat(report.lost()).as("jobs lost").isZero();
        assertThat(report.busyRemoved()).as("jobs whose runner was removed under them").isZero();
        assertThat(report.maxLive()).as("runner containers at once").isLessThanOrEqualTo(MAX);
        assertThat(report.leakedContainers()).as("containers left after the stop").isZero();
        assertThat(report.leakedRegistrations()).as("registrations left after the stop").isZero();
    }

    private void enqueue(Random random) {
        try {
            jobs.addAll(world.enqueue(1, Duration.ofMillis(1000 + random.nextInt(3000))));
        } catch (RuntimeException e) {
            faultLog.add("soak.enqueue_failed error=" + e);
        }
    }

    private void begin(Fault fault, Map<String, String> settings) {
        note("soak.fault.begin", fault);
        try {
            switch (fault.kind()) {
                case KILL_INSTANCE -> world.kill(world.ids().get(fault.instance()));
                case GITHUB_5XX -> world.sim().faults().serverErrors(Integer.MAX_VALUE);
                case RATE_LIMIT -> world.sim().faults().exhaustRateLimit(fault.window());
                case REDIS_RESTART -> world.redis().stop();
                case BROKEN_IMAGE -> image.breakIt();
                case LOST_ANSWERS -> world.sim().faults().lostAnswers(2, LOST_ANSWER_DELAY);
                case DOCKERD_RESTART -> {
                    engineDownSince = Instant.now();
                    engine.stop(fault.sigkill());
                }
            }
        } catch (Exception e) {
            faultLog.add("soak.fault.begin_failed " + fault + " error=" + e);
        }
    }

    private void end(Fault fault, Map<String, String> settings) {
        note("soak.fault.end", fault);
        try {
            switch (fault.kind()) {
                case KILL_INSTANCE -> {
                    String id = world.ids().get(fault.instance());
                    world.start(id, settings);
                    world.pointWebhooksAt(id);
                }
                case GITHUB_5XX, LOST_ANSWERS -> world.sim().faults().serverErrors(0).lostAnswers(0, Duration.ZERO);
                case RATE_LIMIT -> { }
                case REDIS_RESTART -> world.redis().start();
                case BROKEN_IMAGE -> image.repair();
                case DOCKERD_RESTART -> {
                    engine.start();
                    engineOutages.add(new EngineOutage(engineDownSince, Instant.now()));
                    faultLog.add("soak.engine.answers at=" + Instant.now());
                }
            }
        } catch (Exception e) {
            faultLog.add("soak.fault.end_failed " + fault + " error=" + e);
        }
    }

    /** After the soak: every instance up, GitHub, Redis, the engine and the image healthy. */
    private void calm(Map<String, String> settings) throws IOException {
        world.sim().faults().clear();
        world.redis().start();
        engine.start();
        image.repair();
        for (String id : world.ids()) {
            if (world.process(id) == null || !world.process(id).isAlive()) {
                world.start(id, settings);
            }
        }
        world.pointWebhooksAt(world.ids().get(0));
    }

    private void note(String event, Fault fault) {
        String line = event + " at=" + Instant.now() + " " + fault;
        faultLog.add(line);
        System.out.println(line);
    }

    private long completed(SimState state) {
        return SimJobsInSoak.completed(state, jobs);
    }

    /** Runner containers of these instances left on the soak's engine, and (never expected) on the shared one. */
    private int leakedContainers() throws IOException {
        try (E2eDocker shared = new E2eDocker()) {
            return world.ids().stream()
                    .mapToInt(id -> world.docker().containers(id).size() + shared.containers(id).size()).sum();
        }
    }

    private int leakedRegistrations() {
        return world.ids().stream().mapToInt(id -> world.runnersOf(id).size()).sum();
    }

    /**
     * A tag of the fake runner image for this soak only, on the soak's engine, which a fault can point
     * at a broken image.
     */
    static final class SoakImage implements AutoCloseable {
        private final PrivateDockerd engine;
        private final String tag;
        private final String broken;

        private SoakImage(PrivateDockerd engine, String tag, String broken) {
            this.engine = engine;
            this.tag = tag;
            this.broken = broken;
        }

        static SoakImage create(PrivateDockerd engine) throws IOException {
            String id = Long.toHexString(System.nanoTime());
            SoakImage image = new SoakImage(engine, "fake-runner:soak-" + id, "fake-runner:soak-broken-" + id);
            Docker.run(engine.cli("tag", E2eDocker.FAKE_RUNNER_IMAGE, image.tag), null);
            Docker.run(engine.cli("build", "-q", "-t", image.broken, "-"),
                    "FROM " + E2eDocker.FAKE_RUNNER_IMAGE + "\nENTRYPOINT [\"/bin/false\"]\n");
            return image;
        }

        String tag() {
            return tag;
        }

        void breakIt() throws IOException {
            Docker.run(engine.cli("tag", broken, tag), null);
        }

        void repair() throws IOException {
            Docker.run(engine.cli("tag", E2eDocker.FAKE_RUNNER_IMAGE, tag), null);
        }

        /** Removes both tags; a failure is only reported, it must not hide the soak's outcome. */
        @Override
        public void close() {
            try {
                Docker.run(engine.cli("rmi", tag, broken), null);
            } catch (IOException e) {
                System.out.println("soak.image.remove_failed error=" + e.getMessage());
            }
        }
    }

    /** The docker CLI, for what docker-java makes long-winded (tag, build from stdin). */
    static final class Docker {
        private Docker() {
        }

        static void run(List<String> command, String stdin) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
        }
    }

    /** Whether the drain is over: every job completed, or none completed for {@code stall}. */
    static final class DrainProgress {
        private final int total;
        private final Duration stall;
        private long completed = -1;
        private Instant lastProgress;

        DrainProgress(int total, Duration stall) {
            this.total = total;
            this.stall = stall;
        }

        boolean over(long completedNow, Instant now) {
            if (completedNow > completed) {
                completed = completedNow;
                lastProgress = now;
            }
            return completedNow >= total || now.isAfter(lastProgress.plus(stall));
        }
    }

    /** Counting over the simulator's jobs. */
    static final class SimJobsInSoak {
        private SimJobsInSoak() {
        }

        static long completed(SimState state, List<Long> ids) {
            Map<Long, SimState.Job> byId = new HashMap<>();
            state.jobs().forEach(job -> byId.put(job.id(), job));
            return new ArrayList<>(ids).stream().map(byId::get)
                    .filter(job -> job != null && "completed".equals(job.status())).count();
        }
    }
}
